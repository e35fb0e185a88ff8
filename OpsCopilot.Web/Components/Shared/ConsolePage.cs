using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using OpsCopilot.Web.Features.Account;
using OpsCopilot.Web.Features.Live;

namespace OpsCopilot.Web.Components.Shared;

/// <summary>
/// What every console page repeats, in one place: the signed-in user and their permissions, the tenant's time zone,
/// a first load once the circuit is live (never during prerendering), reloads when the change feed announces a
/// change of the tenant that the page cares about, an optional periodic refresh for what changes by time alone, a
/// reload when the page's URL state changes (filters, search, page number), and a cancellation token that ends when
/// the page goes away. A page overrides <see cref="LoadAsync"/> and, as needed, <see cref="ReloadsOn"/>,
/// <see cref="RefreshEvery"/> and <see cref="UrlState"/>.
/// </summary>
/// <remarks>
/// Loads and actions run through <see cref="Operations"/> (a DI scope of their own for the circuit's tenant). An
/// exception of the first load or of a click reaches the layout's error boundary; one of a background reload (feed,
/// timer) is logged and the page keeps what it shows, marked <see cref="RefreshFailed"/>.
/// </remarks>
public abstract class ConsolePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource lifetime = new();
    private IDisposable? subscription;
    private PeriodicRefresh? refresher;
    private object? loadedUrlState;
    private bool initialized;
    private bool disposed;

    [Inject] protected TenantOperations Operations { get; set; } = default!;
    [Inject] protected OpsChangeFeed Feed { get; set; } = default!;
    [Inject] protected TenantTime Time { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILoggerFactory LoggerFactory { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>The signed-in user (empty until the circuit is live).</summary>
    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>Whether the first load has finished: render a loading state until then.</summary>
    protected bool Loaded { get; private set; }

    /// <summary>The last background reload failed; what is shown may be old. Cleared by the next successful load.</summary>
    protected bool RefreshFailed { get; private set; }

    /// <summary>Cancelled when the page is disposed (navigation away, circuit gone): pass it to every query.</summary>
    /// <remarks>Taken once: a load still running after disposal reads a cancelled token, not a disposed source.</remarks>
    protected CancellationToken PageToken { get; }

    protected ConsolePage() => PageToken = lifetime.Token;

    protected bool Can(string permission) => User.HasPermission(permission);

    /// <summary>Loads what the page shows. Called once the circuit is live, then on every reload.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Which change-feed announcements of the page's tenant make it reload (a resync always does). None by default.</summary>
    protected virtual bool ReloadsOn(OpsChange change) => false;

    /// <summary>How long a burst of announcements is gathered into one reload.</summary>
    protected virtual TimeSpan FeedCoalescing => TimeSpan.FromMilliseconds(200);

    /// <summary>For what changes by time alone (a draft becoming stuck, counts of today): reload this often.</summary>
    protected virtual TimeSpan? RefreshEvery => null;

    /// <summary>The page's state taken from the URL (a record of its query parameters); a change reloads the page.</summary>
    protected virtual object? UrlState => null;

    /// <summary>Runs once the user is known and before the first load (e.g. choose a tab by permission).</summary>
    protected virtual Task OnPageReadyAsync() => Task.CompletedTask;

    protected sealed override async Task OnInitializedAsync()
    {
        // Prerendering has no circuit to keep the page live; the interactive render loads it.
        if (!RendererInfo.IsInteractive) return;
        User = Authentication is null ? new ClaimsPrincipal() : (await Authentication).User;
        await Time.LoadAsync();
        await OnPageReadyAsync();
        loadedUrlState = UrlState;
        await LoadAndShowAsync();
        if (disposed) return;
        initialized = true;
        subscription = Feed.Subscribe(Operations.TenantId, ReloadsOn, () => InvokeAsync(BackgroundReloadAsync), FeedCoalescing);
        if (RefreshEvery is { } interval)
            refresher = PeriodicRefresh.Start(interval, () => InvokeAsync(BackgroundReloadAsync), LoggerFactory.CreateLogger(GetType()));
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!initialized || Equals(UrlState, loadedUrlState)) return;
        loadedUrlState = UrlState;
        await LoadAndShowAsync();
    }

    /// <summary>Loads again now (after the page's own action); failures reach the error boundary.</summary>
    protected Task ReloadAsync() => LoadAndShowAsync();

    // A page can be disposed while it still initialises (the circuit went away during a query): it then loads and
    // shows nothing, and its cancelled load is no error for the error boundary to report.
    private async Task LoadAndShowAsync()
    {
        if (disposed) return;
        try
        {
            await LoadAsync(PageToken);
        }
        catch (OperationCanceledException) when (disposed)
        {
            return;
        }
        Loaded = true;
        RefreshFailed = false;
        StateHasChanged();
    }

    private async Task BackgroundReloadAsync()
    {
        if (lifetime.IsCancellationRequested) return;
        try
        {
            await LoadAndShowAsync();
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LoggerFactory.CreateLogger(GetType()).LogWarning(ex, "Background reload of {Page} failed; showing the last data", GetType().Name);
            RefreshFailed = true;
            StateHasChanged();
        }
    }

    /// <summary>Navigates to this page's address with some query parameters changed (null removes one): filters,
    /// search and page number live in the URL, so the back button and a shared link show the same list.</summary>
    /// <remarks>A page being disposed never navigates: components inside it (MudTabs removing its panels) may still
    /// raise change callbacks while the user is already on their way to another page.</remarks>
    protected void SetQuery(IReadOnlyDictionary<string, object?> changes)
    {
        if (disposed) return;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(changes));
    }

    protected void SetQuery(string name, object? value) => SetQuery(new Dictionary<string, object?> { [name] = value });

    public void Dispose()
    {
        disposed = true;
        lifetime.Cancel();
        subscription?.Dispose();
        refresher?.Dispose();
        OnDispose();
        lifetime.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A page's own clean-up (timers of its own).</summary>
    protected virtual void OnDispose()
    {
    }
}
