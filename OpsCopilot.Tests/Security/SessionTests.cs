using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Conversations;
using OpsCopilot.Data;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Tenants;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;
using OpsCopilot.Web.Features.Account;

namespace OpsCopilot.Tests.Security;

/// <summary>
/// Issue 11, finding 3: a session lives on the server. Logout ends it for every copy of the cookie, a role change or a
/// deactivation ends it with the next request (and in an open circuit within the revalidation interval), and it has
/// an absolute lifetime besides the sliding idle timeout.
/// </summary>
public sealed class SessionTests : IClassFixture<OpsWebFactory>
{
    private const string AdminOnly = "/api/v1/ops/pairing/identities";
    private readonly OpsWebFactory factory;

    public SessionTests(OpsWebFactory factory)
    {
        this.factory = factory;
        factory.Settings["OpsCopilot:Sessions:RevalidationSeconds"] = "1";
    }

    [Fact]
    public async Task After_logout_a_copied_cookie_no_longer_works()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var cookie = await SignInCookieAsync(admin.Email!, password);
        (await GetWithCookieAsync(AdminOnly, cookie)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Content = ApiJson.Body(new { }) };
        logout.Headers.Add("Cookie", cookie);
        (await factory.CreateClient(new() { HandleCookies = false }).SendAsync(logout)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await GetWithCookieAsync(AdminOnly, cookie)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM auth.sessions WHERE user_id = $1 AND revoked_at IS NOT NULL", admin.Id)).ShouldBe(1L);
    }

    [Fact]
    public async Task A_demoted_admin_loses_admin_access_with_the_next_request_and_signs_in_again_as_dispatcher()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (other, _) = await factory.AddUserAsync(tenant.Id, AppRole.TenantAdmin);
        var cookie = await SignInCookieAsync(admin.Email!, password);
        (await GetWithCookieAsync(AdminOnly, cookie)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = factory.RuntimeScope(tenant.Id))
            await scope.ServiceProvider.GetRequiredService<TenantUsers>().SetRoleAsync(admin.Id, AppRole.Dispatcher, other.Id, CancellationToken.None);

        (await GetWithCookieAsync(AdminOnly, cookie)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = await SignInCookieAsync(admin.Email!, password);
        (await GetWithCookieAsync(AdminOnly, again)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetWithCookieAsync("/api/v1/ops/drafts", again)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deactivated_user_is_out_at_once_and_cannot_sign_in_until_reactivated()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, password) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var cookie = await SignInCookieAsync(dispatcher.Email!, password);
        (await GetWithCookieAsync("/api/v1/ops/drafts", cookie)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await SetActiveAsync(tenant.Id, dispatcher.Id, active: false, admin.Id);

        (await GetWithCookieAsync("/api/v1/ops/drafts", cookie)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refused = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = dispatcher.Email, password });
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(SignInAttempt.WrongCredentials);

        await SetActiveAsync(tenant.Id, dispatcher.Id, active: true, admin.Id);
        (await GetWithCookieAsync("/api/v1/ops/drafts", await SignInCookieAsync(dispatcher.Email!, password))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deactivated_users_phone_is_unpaired_and_open_code_withdrawn_with_the_deactivation_and_no_new_code_is_issued()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        var phone = Phones.Next();
        await factory.Database.ExecuteAsync(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3)", tenant.Id, dispatcher.Id, phone);
        var openCode = await CreateInviteAsync(tenant.Id, dispatcher.Id, admin.Id);
        var client = factory.CreateClient();
        // Each message its own id: two identical signed deliveries in one second are one message replayed (ReplayTests).
        var before = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:" + phone, "Status Ticket 1?", Gateway.NewMessageId())));
        before.Text("reply").ShouldNotBe(ConversationReplies.NotPaired);

        await SetActiveAsync(tenant.Id, dispatcher.Id, active: false, admin.Id);

        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.identities WHERE wa_user_id = $1", phone)).ShouldBe("REVOKED");
        (await factory.Database.ScalarAsync<string>(
            "SELECT payload->>'reason' FROM ops.events WHERE tenant_id = $1 AND event_type = 'IDENTITY_REVOKED'", tenant.Id)).ShouldBe("user deactivated");
        var after = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:" + phone, "Status Ticket 1?", Gateway.NewMessageId())));
        after.Text("reply").ShouldBe(ConversationReplies.NotPaired);

        // The code handed out before the deactivation no longer pairs another phone to the person, and none is issued.
        var otherPhone = Phones.Next();
        var pair = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body("whatsapp:" + otherPhone, "PAIR " + openCode, Gateway.NewMessageId())));
        pair.Text("reply").ShouldNotBe(ConversationReplies.Paired);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.identities WHERE wa_user_id = $1", otherPhone)).ShouldBe(0L);
        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.pairing_invites WHERE user_id = $1", dispatcher.Id)).ShouldBe("REVOKED");
        var refused = await Should.ThrowAsync<OpsException>(() => CreateInviteAsync(tenant.Id, dispatcher.Id, admin.Id));
        refused.Message.ShouldContain("is deactivated");

        // Reactivation lets the person sign in again; the phone pairs again with a new code, on purpose.
        await SetActiveAsync(tenant.Id, dispatcher.Id, active: true, admin.Id);
        (await factory.Database.ScalarAsync<string>("SELECT status FROM ops.identities WHERE wa_user_id = $1", phone)).ShouldBe("REVOKED");
        (await CreateInviteAsync(tenant.Id, dispatcher.Id, admin.Id)).Length.ShouldBeGreaterThan(0);
    }

    private async Task<string> CreateInviteAsync(int tenantId, Guid userId, Guid by)
    {
        await using var scope = factory.RuntimeScope(tenantId);
        return (await scope.ServiceProvider.GetRequiredService<PairingService>().CreateInviteAsync(userId, by, CancellationToken.None)).Otp;
    }

    [Fact]
    public async Task A_session_past_its_absolute_lifetime_or_idle_too_long_is_over_however_the_cookie_slides()
    {
        var (_, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var absolute = await SignInCookieAsync(admin.Email!, password);
        var idle = await SignInCookieAsync(admin.Email!, password);
        var fresh = await SignInCookieAsync(admin.Email!, password);
        var sessions = await SessionIdsAsync(admin.Id);
        sessions.Count.ShouldBe(3);
        (await factory.Database.ScalarAsync<double>(
            "SELECT extract(epoch FROM absolute_expires_at - created_at) / 3600 FROM auth.sessions WHERE id = $1", sessions[0])).ShouldBe(12d, 0.01);

        // The clock moved on for two of them (the cookie itself would still be valid: it slides with every request).
        await factory.Database.ExecuteAsync("UPDATE auth.sessions SET absolute_expires_at = now() - interval '1 second' WHERE id = $1", sessions[0]);
        await factory.Database.ExecuteAsync("UPDATE auth.sessions SET last_seen_at = now() - interval '121 minutes' WHERE id = $1", sessions[1]);

        (await GetWithCookieAsync(AdminOnly, absolute)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await GetWithCookieAsync(AdminOnly, idle)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await GetWithCookieAsync(AdminOnly, fresh)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_open_circuit_turns_anonymous_within_seconds_of_a_role_change()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (other, _) = await factory.AddUserAsync(tenant.Id, AppRole.TenantAdmin);
        await SignInCookieAsync(admin.Email!, password);
        var principal = await CircuitPrincipalAsync(admin.Id, tenant.Id);

        // The circuit's own scope and provider, as Blazor Server creates them for a connection.
        await using var circuit = factory.Services.CreateAsyncScope();
        var provider = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.ShouldBeOfType<SessionRevalidatingAuthenticationStateProvider>();
        var signedOut = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async changed =>
        {
            var state = await changed;
            if (state.User.Identity?.IsAuthenticated != true) signedOut.TrySetResult(state);
        };
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        (await provider.GetAuthenticationStateAsync()).User.Identity!.IsAuthenticated.ShouldBeTrue();
        await using (var check = factory.Services.CreateAsyncScope())
            (await check.ServiceProvider.GetRequiredService<ServerSessions>().IsValidAsync(principal, CancellationToken.None)).ShouldBeTrue();

        await using (var scope = factory.RuntimeScope(tenant.Id))
            await scope.ServiceProvider.GetRequiredService<TenantUsers>().SetRoleAsync(admin.Id, AppRole.Dispatcher, other.Id, CancellationToken.None);

        // Revalidation runs every second here; the bound only keeps a broken build from hanging the suite.
        var state = await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(60));
        state.User.Identity?.IsAuthenticated.ShouldNotBe(true);
    }

    /// <summary>
    /// Checks of one session that overlap share one read (SessionLookups): twenty requests arriving while the first
    /// one's read is held by a lock on auth.sessions cost one query, and every one of them gets the answer.
    /// </summary>
    [Fact]
    public async Task Overlapping_checks_of_one_session_share_one_read()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        await SignInCookieAsync(admin.Email!, password);
        var principal = await CircuitPrincipalAsync(admin.Id, tenant.Id);
        var scopes = Enumerable.Range(0, 20).Select(_ => factory.Services.CreateAsyncScope()).ToList();
        try
        {
            await using var holder = await factory.Database.OpenOwnerAsync();
            await using var tableLock = await holder.BeginTransactionAsync();
            await using (var lockTable = new Npgsql.NpgsqlCommand("LOCK TABLE auth.sessions IN ACCESS EXCLUSIVE MODE", holder, tableLock))
                await lockTable.ExecuteNonQueryAsync();

            using var commands = new NpgsqlCommandRecorder();
            var first = scopes[0].ServiceProvider.GetRequiredService<ServerSessions>().IsValidAsync(principal, CancellationToken.None);
            await factory.Database.WaitUntilBlockedByAsync(holder.ProcessID);
            var joined = scopes.Skip(1).Select(s => s.ServiceProvider.GetRequiredService<ServerSessions>().IsValidAsync(principal, CancellationToken.None)).ToList();
            await tableLock.RollbackAsync();

            (await Task.WhenAll(joined.Prepend(first))).ShouldAllBe(valid => valid);
            commands.Texts.Count(t => t.Contains("FROM auth.sessions s JOIN auth.users u", StringComparison.Ordinal)).ShouldBe(1);
        }
        finally
        {
            foreach (var scope in scopes) await scope.DisposeAsync();
        }
    }

    private async Task SetActiveAsync(int tenantId, Guid userId, bool active, Guid by)
    {
        await using var scope = factory.RuntimeScope(tenantId);
        await scope.ServiceProvider.GetRequiredService<TenantUsers>().SetActiveAsync(userId, active, by, CancellationToken.None);
    }

    /// <summary>The claims the cookie of the user's latest session carries (as Identity's factory makes them).</summary>
    private async Task<ClaimsPrincipal> CircuitPrincipalAsync(Guid userId, int tenantId)
    {
        var sessionId = (await SessionIdsAsync(userId)).Last();
        var stamp = await factory.Database.ScalarAsync<string>("SELECT security_stamp FROM auth.users WHERE id = $1", userId);
        var identityOptions = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
            new Claim(Permissions.TenantClaimType, tenantId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(identityOptions.ClaimsIdentity.SecurityStampClaimType, stamp!),
            new Claim(ServerSessions.SessionClaimType, sessionId.ToString()),
        ], IdentityConstants.ApplicationScheme));
    }

    private async Task<List<Guid>> SessionIdsAsync(Guid userId)
    {
        await using var connection = await factory.Database.OpenOwnerAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM auth.sessions WHERE user_id = $1 ORDER BY created_at, id", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = userId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private async Task<string> SignInCookieAsync(string email, string password)
    {
        var response = await factory.CreateClient(new() { HandleCookies = false }).PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("admin_session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await factory.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false }).SendAsync(request);
    }
}
