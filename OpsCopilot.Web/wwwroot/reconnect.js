// Blazor's built-in reconnect dialog reloads the page when the server no longer knows the circuit (the host restarted,
// or a proxy moved the user to another host). A custom notice (ReconnectNotice.razor) opts out of that built-in step,
// so it is restored here: the session cookie and the key ring outlive the circuit, so the reload lands on the same page,
// still signed in. Every other state keeps the notice's own words.
document.getElementById('components-reconnect-modal')?.addEventListener('components-reconnect-state-changed', event => {
    if (event.detail?.state === 'rejected') location.reload();
});
