using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsCopilot.Data.Identity;
using OpsCopilot.Data.Tenants;
using OpsCopilot.Tests.Infrastructure;
using OpsCopilot.Web.Features.Users;

namespace OpsCopilot.Tests.ConsoleComponents;

/// <summary>The add-user form, rendered with bUnit against the real host's database: problems at their field, in words.</summary>
public sealed class UsersComponentTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    /// <summary>What a screen reader reads with the field: MudBlazor links the helper or error text by aria-describedby.</summary>
    private static string DescriptionOf(IRenderedComponent<AddUserForm> form, string testId)
    {
        var input = form.Find($"[data-testid={testId}]");
        var ids = (input.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" ", ids.Select(id => form.Find($"[id='{id}']").TextContent.Trim()));
    }

    private static bool Invalid(IRenderedComponent<AddUserForm> form, string testId) =>
        form.Find($"[data-testid={testId}]").GetAttribute("aria-invalid") == "true";

    private async Task<(int TenantId, Guid AdminId)> TenantAsync()
    {
        var (tenant, admin, _) = await factory.CreateTenantWithUserAsync(AppRole.TenantAdmin);
        return (tenant.Id, admin.Id);
    }

    private async Task<long> UsersOfAsync(int tenantId) =>
        await factory.Database.ScalarAsync<long>("SELECT count(*) FROM auth.users WHERE tenant_id = $1", tenantId);

    private static async Task FillAsync(IRenderedComponent<AddUserForm> form, string testId, string value) =>
        await form.Find($"[data-testid={testId}]").ChangeAsync(new() { Value = value });

    [Fact]
    public async Task Adding_with_nothing_filled_in_says_at_the_email_and_password_fields_what_is_missing_and_saves_nothing()
    {
        var (tenantId, adminId) = await TenantAsync();
        await using var context = ConsoleComponentContext.Create(factory.Services, tenantId, adminId, Permissions.UsersManage);
        TenantUserRow? added = null;
        var form = context.Render<AddUserForm>(p => p.Add(f => f.AddedBy, adminId).Add(f => f.OnAdded, row => added = row));

        await form.Find("[data-testid=add-user]").ClickAsync(new());

        form.WaitForAssertion(() => DescriptionOf(form, "new-user-email").ShouldContain("Enter the user's email address."));
        Invalid(form, "new-user-email").ShouldBeTrue();
        DescriptionOf(form, "new-user-password").ShouldContain("Enter an initial password.");
        Invalid(form, "new-user-name").ShouldBeFalse();
        form.Markup.ShouldNotContain("email:");
        added.ShouldBeNull();
        (await UsersOfAsync(tenantId)).ShouldBe(1L);
    }

    [Fact]
    public async Task The_services_refusals_show_at_their_field_in_its_words_and_a_good_form_adds_the_user()
    {
        var (tenantId, adminId) = await TenantAsync();
        var (taken, _) = await factory.AddUserAsync(tenantId, AppRole.Dispatcher);
        await using var context = ConsoleComponentContext.Create(factory.Services, tenantId, adminId, Permissions.UsersManage);
        TenantUserRow? added = null;
        var form = context.Render<AddUserForm>(p => p.Add(f => f.AddedBy, adminId).Add(f => f.OnAdded, row => added = row));
        var email = $"anna-{Guid.NewGuid():N}"[..18] + "@example.test";

        // Identity's password rules, told at the password field.
        await FillAsync(form, "new-user-email", email);
        await FillAsync(form, "new-user-password", "short");
        await form.Find("[data-testid=add-user]").ClickAsync(new());
        form.WaitForAssertion(() => DescriptionOf(form, "new-user-password").ShouldContain("Passwords must be at least"));
        Invalid(form, "new-user-password").ShouldBeTrue();
        Invalid(form, "new-user-email").ShouldBeFalse();

        // An email that is taken, told at the email field.
        await FillAsync(form, "new-user-email", taken.Email!);
        await FillAsync(form, "new-user-password", "Long-enough-Passw0rd-1");
        await form.Find("[data-testid=add-user]").ClickAsync(new());
        form.WaitForAssertion(() => DescriptionOf(form, "new-user-email").ShouldContain($"A user with the email {taken.Email} already exists."));
        Invalid(form, "new-user-password").ShouldBeFalse();
        (await UsersOfAsync(tenantId)).ShouldBe(2L);

        await FillAsync(form, "new-user-email", email);
        await FillAsync(form, "new-user-name", "Anna Berger");
        await form.Find("[data-testid=add-user]").ClickAsync(new());

        form.WaitForAssertion(() => added.ShouldNotBeNull());
        added!.Email.ShouldBe(email);
        added.DisplayName.ShouldBe("Anna Berger");
        added.Role.ShouldBe(AppRole.Dispatcher);
        (await UsersOfAsync(tenantId)).ShouldBe(3L);
        // The form starts over for the next user.
        form.WaitForAssertion(() => form.Find("[data-testid=new-user-email]").GetAttribute("value").ShouldBeNullOrEmpty());
    }

    [Fact]
    public void Refusals_without_a_field_of_their_own_belong_to_the_form_and_a_conflict_to_the_email()
    {
        UserFormRules.FieldOf(OpsCopilot.Data.OpsException.Invalid("password", "x")).ShouldBe(UserField.Password);
        UserFormRules.FieldOf(OpsCopilot.Data.OpsException.Invalid("display_name", "x")).ShouldBe(UserField.DisplayName);
        UserFormRules.FieldOf(OpsCopilot.Data.OpsException.Conflict("taken")).ShouldBe(UserField.Email);
        UserFormRules.FieldOf(new OpsCopilot.Data.OpsException(OpsCopilot.Data.OpsErrorKind.Validation, "Identity says no")).ShouldBeNull();
        UserFormRules.Check("not an email", "x")[UserField.Email].ShouldBe("Enter a valid email address, e.g. name@company.com.");
        UserFormRules.Check(" anna@example.test ", "secret").ShouldBeEmpty();
    }
}
