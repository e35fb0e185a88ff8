using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.OpsCore;

public sealed class PairingTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private static string NewNumber() => "43664" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(HttpClient Admin, Guid DispatcherId, int TenantId)> AdminWithDispatcherAsync()
    {
        var (tenant, admin, password) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        return (await factory.SignedInClientAsync(admin.Email!, password), dispatcher.Id, tenant.Id);
    }

    private async Task<(string InviteId, string Otp)> InviteAsync(HttpClient admin, Guid userId)
    {
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = userId })).ShouldSucceedAsync();
        return (invite["invite_id"]!.GetValue<string>(), invite["otp"]!.GetValue<string>());
    }

    private async Task<PairingClaim> ClaimAsync(string number, string code)
    {
        await using var scope = factory.RuntimeScope(null);
        return await scope.ServiceProvider.GetRequiredService<PairingService>().ClaimAsync(number, code, CancellationToken.None);
    }

    [Fact]
    public async Task An_invite_returns_an_eight_digit_code_that_is_stored_only_as_a_hash()
    {
        var (admin, dispatcherId, _) = await AdminWithDispatcherAsync();
        var invite = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcherId })).ShouldSucceedAsync();

        var otp = invite["otp"]!.GetValue<string>();
        otp.ShouldMatch("^[0-9]{8}$");
        invite["expires_at"]!.GetValue<DateTimeOffset>().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        var stored = await factory.Database.ScalarAsync<string>("SELECT otp_hash FROM ops.pairing_invites WHERE id = $1::uuid", invite["invite_id"]!.GetValue<string>());
        stored.ShouldNotBeNull();
        stored.ShouldMatch("^[0-9a-f]{64}$");
        stored.ShouldNotContain(otp);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.pairing_invites WHERE otp_hash LIKE '%' || $1 || '%'", otp)).ShouldBe(0L);
    }

    [Fact]
    public async Task A_claimed_code_pairs_the_number_and_cannot_be_used_again()
    {
        var (admin, dispatcherId, tenantId) = await AdminWithDispatcherAsync();
        var (_, otp) = await InviteAsync(admin, dispatcherId);
        var number = NewNumber();

        var claim = await ClaimAsync(number, otp);

        claim.Outcome.ShouldBe("paired");
        claim.TenantId.ShouldBe(tenantId);
        var identities = await (await admin.GetAsync("/api/v1/ops/pairing/identities")).ShouldSucceedAsync();
        var identity = identities.AsArray().Single()!;
        identity["status"]!.GetValue<string>().ShouldBe("ACTIVE");
        identity["wa_user_id_masked"]!.GetValue<string>().ShouldNotBe(number);
        (await ClaimAsync(NewNumber(), otp)).Outcome.ShouldBe("used");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = $1 AND event_type = 'PAIRED'", tenantId)).ShouldBe(1L);
    }

    [Fact]
    public async Task Expired_revoked_and_wrong_codes_are_refused_and_recorded()
    {
        var (admin, dispatcherId, tenantId) = await AdminWithDispatcherAsync();
        var (expiredId, expiredOtp) = await InviteAsync(admin, dispatcherId);
        await factory.Database.ExecuteAsync("UPDATE ops.pairing_invites SET expires_at = now() - interval '1 second' WHERE id = $1::uuid", expiredId);
        var (revokedId, revokedOtp) = await InviteAsync(admin, dispatcherId);
        (await admin.PostJsonAsync($"/api/v1/ops/pairing/invites/{revokedId}/revoke", new { })).IsSuccessStatusCode.ShouldBeTrue();

        (await ClaimAsync(NewNumber(), expiredOtp)).Outcome.ShouldBe("expired");
        (await ClaimAsync(NewNumber(), revokedOtp)).Outcome.ShouldBe("revoked");
        var wrong = expiredOtp == "000000" ? "000001" : "000000";
        (await ClaimAsync(NewNumber(), wrong)).Outcome.ShouldBeOneOf("invalid", "used", "expired", "revoked");

        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE tenant_id = $1 AND event_type = 'PAIR_FAILED'", tenantId)).ShouldBe(2L);
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.identities WHERE tenant_id = $1", tenantId)).ShouldBe(0L);
    }

    [Fact]
    public async Task Twenty_parallel_claims_of_one_code_make_exactly_one_identity()
    {
        var (admin, dispatcherId, tenantId) = await AdminWithDispatcherAsync();
        var (_, otp) = await InviteAsync(admin, dispatcherId);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ClaimAsync(NewNumber(), otp)));

        outcomes.Count(o => o.Outcome == "paired").ShouldBe(1);
        outcomes.Where(o => o.Outcome != "paired").ShouldAllBe(o => o.Outcome == "used");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.identities WHERE tenant_id = $1", tenantId)).ShouldBe(1L);
    }

    [Fact]
    public async Task The_attempt_limit_per_number_trips_even_for_the_right_code()
    {
        var (admin, dispatcherId, _) = await AdminWithDispatcherAsync();
        var (_, otp) = await InviteAsync(admin, dispatcherId);
        var number = NewNumber();
        var wrong = otp == "999999" ? "999998" : "999999";

        for (var i = 0; i < 5; i++) (await ClaimAsync(number, wrong)).Succeeded.ShouldBeFalse();

        (await ClaimAsync(number, otp)).Outcome.ShouldBe("rate_limited");
        (await ClaimAsync(NewNumber(), otp)).Outcome.ShouldBe("paired");
    }

    [Fact]
    public async Task A_revoked_identity_frees_the_number_for_a_new_pairing()
    {
        var (admin, dispatcherId, _) = await AdminWithDispatcherAsync();
        var number = NewNumber();
        var first = await ClaimAsync(number, (await InviteAsync(admin, dispatcherId)).Otp);
        (await admin.PostJsonAsync($"/api/v1/ops/pairing/identities/{first.IdentityId}/revoke", new { })).IsSuccessStatusCode.ShouldBeTrue();

        (await ClaimAsync(number, (await InviteAsync(admin, dispatcherId)).Otp)).Outcome.ShouldBe("paired");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.events WHERE event_type = 'IDENTITY_REVOKED' AND payload->>'identity_id' = $1", first.IdentityId!.Value.ToString())).ShouldBe(1L);
    }

    [Fact]
    public async Task At_most_three_open_codes_per_user()
    {
        var (admin, dispatcherId, _) = await AdminWithDispatcherAsync();
        for (var i = 0; i < 3; i++) await InviteAsync(admin, dispatcherId);
        var problem = await (await admin.PostJsonAsync("/api/v1/ops/pairing/invites", new { user_id = dispatcherId })).ShouldBeProblemAsync(409);
        problem["detail"]!.GetValue<string>().ShouldContain("revoke one first");
    }
}
