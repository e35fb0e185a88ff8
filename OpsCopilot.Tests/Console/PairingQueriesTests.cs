using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Pairing;
using OpsCopilot.Data.Tenants;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Tests.WhatsApp;

namespace OpsCopilot.Tests.Console;

/// <summary>
/// The console's lists of paired phones, pairing codes and users, on the real database under RLS: one page at a time,
/// numbers masked, an identity found by its full number in any international form but never by a part of it.
/// </summary>
public sealed class PairingQueriesTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    private async Task<(int TenantId, Guid UserId, string Phone, Guid IdentityId)> PairedAsync(string displayName)
    {
        var (tenant, user, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        await factory.Database.ExecuteAsync("UPDATE auth.users SET display_name = $1 WHERE id = $2", displayName, user.Id);
        var phone = Phones.Next();
        var identityId = await factory.Database.ScalarAsync<Guid>(
            "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id) VALUES ($1, $2, $3) RETURNING id", tenant.Id, user.Id, phone);
        return (tenant.Id, user.Id, phone, identityId);
    }

    private async Task<OpsCopilot.Data.Page<PairedPhoneRow>> PhonesAsync(int tenantId, string? search, string? status = null, int page = 1, int size = 20)
    {
        await using var scope = factory.RuntimeScope(tenantId);
        return await scope.ServiceProvider.GetRequiredService<PairingQueries>().PhonesAsync(search, status, page, size, CancellationToken.None);
    }

    private static string Spaced(string digits) => $"+{digits[..2]} {digits[2..5]} {digits[5..]}";

    [Fact]
    public async Task A_paired_phone_is_found_by_its_full_number_in_any_international_form_and_shown_masked_with_its_persons_name()
    {
        var (tenantId, userId, phone, identityId) = await PairedAsync("Jürgen Müller");
        var (_, _, otherPhone, _) = await PairedAsync("Otto Fremd");

        foreach (var typed in new[] { phone, "+" + phone, Spaced(phone), "00" + phone, $"whatsapp:+{phone}" })
        {
            var found = await PhonesAsync(tenantId, typed);
            found.Total.ShouldBe(1, typed);
            var row = found.Items.Single();
            row.Id.ShouldBe(identityId);
            row.UserId.ShouldBe(userId);
            row.PersonName.ShouldBe("Jürgen Müller");
            row.NumberMasked.ShouldBe(OpsCopilot.Data.Security.PhoneNumbers.Mask(phone));
            row.NumberMasked.ShouldNotContain(phone[5..^2]);
        }
        // Another tenant's number is not there, even written in full.
        (await PhonesAsync(tenantId, "+" + otherPhone)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_part_of_a_number_finds_nothing_so_the_hidden_digits_cannot_be_probed_but_a_part_of_a_name_or_email_does()
    {
        var (tenantId, _, phone, identityId) = await PairedAsync("Maria Huber");

        (await PhonesAsync(tenantId, phone[..8])).Total.ShouldBe(0);
        (await PhonesAsync(tenantId, phone[^6..])).Total.ShouldBe(0);
        (await PhonesAsync(tenantId, "+" + phone[..^1])).Total.ShouldBe(0);
        (await PhonesAsync(tenantId, "huber")).Items.Select(r => r.Id).ShouldBe([identityId]);
        (await PhonesAsync(tenantId, "dispatcher-")).Items.Select(r => r.Id).ShouldBe([identityId]);
        // LIKE's wildcards are the user's characters, not wildcards.
        (await PhonesAsync(tenantId, "%")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Phones_page_on_the_server_newest_first_and_filter_by_status()
    {
        var (tenantId, userId, first, _) = await PairedAsync("Erste");
        var phones = new List<string> { first };
        for (var i = 0; i < 4; i++)
        {
            var phone = Phones.Next();
            phones.Add(phone);
            await factory.Database.ExecuteAsync(
                "INSERT INTO ops.identities (tenant_id, user_id, wa_user_id, status, paired_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))",
                tenantId, userId, phone, i % 2 == 0 ? IdentityStatus.Revoked : IdentityStatus.Active, (double)(i + 1));
        }

        var second = await PhonesAsync(tenantId, null, page: 2, size: 2);
        second.Total.ShouldBe(5);
        second.Items.Select(r => r.NumberMasked).ShouldBe([OpsCopilot.Data.Security.PhoneNumbers.Mask(phones[2]), OpsCopilot.Data.Security.PhoneNumbers.Mask(phones[1])]);
        (await PhonesAsync(tenantId, null, IdentityStatus.Revoked)).Total.ShouldBe(2);
        (await PhonesAsync(tenantId, null, IdentityStatus.Active)).Total.ShouldBe(3);
    }

    [Fact]
    public async Task Pairing_codes_are_listed_with_their_state_now_whom_they_are_for_and_the_masked_phone_that_used_them()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        Guid pending, used, overdue;
        await using (var scope = factory.RuntimeScope(tenant.Id))
        {
            var pairing = scope.ServiceProvider.GetRequiredService<PairingService>();
            pending = (await pairing.CreateInviteAsync(dispatcher.Id, admin.Id, CancellationToken.None)).InviteId;
            var code = await pairing.CreateInviteAsync(admin.Id, admin.Id, CancellationToken.None);
            used = code.InviteId;
            overdue = (await pairing.CreateInviteAsync(dispatcher.Id, admin.Id, CancellationToken.None)).InviteId;
        }
        var phone = Phones.Next();
        await using (var scope = factory.RuntimeScope(null))
            (await scope.ServiceProvider.GetRequiredService<PairingService>().ClaimAsync(phone, await CodeOfAsync(used), CancellationToken.None)).Succeeded.ShouldBeTrue();
        await factory.Database.ExecuteAsync("UPDATE ops.pairing_invites SET expires_at = now() - interval '1 minute' WHERE id = $1", overdue);

        await using var queries = factory.RuntimeScope(tenant.Id);
        var page = await queries.ServiceProvider.GetRequiredService<PairingQueries>().InvitesAsync(1, 10, CancellationToken.None);

        page.Total.ShouldBe(3);
        var byId = page.Items.ToDictionary(i => i.Id);
        byId[pending].Status.ShouldBe(InviteStatus.Pending);
        byId[pending].CanRevoke.ShouldBeTrue();
        byId[pending].UserEmail.ShouldBe(dispatcher.Email);
        byId[overdue].Status.ShouldBe(InviteStatus.Expired);
        byId[overdue].CanRevoke.ShouldBeFalse();
        byId[used].Status.ShouldBe(InviteStatus.Used);
        byId[used].PairedNumberMasked.ShouldBe(OpsCopilot.Data.Security.PhoneNumbers.Mask(phone));
        (await queries.ServiceProvider.GetRequiredService<PairingQueries>().InviteAsync(used, CancellationToken.None))!.Status.ShouldBe(InviteStatus.Used);
    }

    /// <summary>The code is never stored: a test that needs a claimable one sets a known code's hash instead.</summary>
    private async Task<string> CodeOfAsync(Guid inviteId)
    {
        const string code = "13579246";
        await using var scope = factory.RuntimeScope(null);
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PairingOptions>>().Value;
        var hash = OpsCopilot.Data.Security.OneTimeCodes.Hash(code, System.Text.Encoding.UTF8.GetBytes(options.CodePepper!));
        await factory.Database.ExecuteAsync("UPDATE ops.pairing_invites SET otp_hash = $1 WHERE id = $2", hash, inviteId);
        return code;
    }

    [Fact]
    public async Task Users_page_by_email_and_find_a_part_of_the_name_or_email_of_their_own_tenant_only()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        var (dispatcher, _) = await factory.AddUserAsync(tenant.Id, AppRole.Dispatcher);
        await factory.Database.ExecuteAsync("UPDATE auth.users SET display_name = 'Anna Berger' WHERE id = $1", dispatcher.Id);
        var (_, stranger, _) = await factory.CreateTenantWithUserAsync(AppRole.Dispatcher);
        await factory.Database.ExecuteAsync("UPDATE auth.users SET display_name = 'Anna Fremd' WHERE id = $1", stranger.Id);

        await using var scope = factory.RuntimeScope(tenant.Id);
        var users = scope.ServiceProvider.GetRequiredService<TenantUserQueries>();

        var all = await users.PageAsync(null, 1, 20, CancellationToken.None);
        all.Total.ShouldBe(2);
        all.Items.Select(u => u.Email).ShouldBe(new[] { admin.Email!, dispatcher.Email! }.Order(StringComparer.Ordinal));
        all.Items.Single(u => u.Id == dispatcher.Id).Role.ShouldBe(AppRole.Dispatcher);
        (await users.PageAsync("anna", 1, 20, CancellationToken.None)).Items.Select(u => u.Id).ShouldBe([dispatcher.Id]);
        (await users.PageAsync("TENANTADMIN-", 1, 20, CancellationToken.None)).Items.Select(u => u.Id).ShouldBe([admin.Id]);
        (await users.PageAsync(null, 2, 1, CancellationToken.None)).Items.Count.ShouldBe(1);
    }
}
