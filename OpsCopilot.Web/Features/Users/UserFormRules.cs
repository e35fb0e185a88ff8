using System.ComponentModel.DataAnnotations;
using OpsCopilot.Data;

namespace OpsCopilot.Web.Features.Users;

/// <summary>The add-user form's fields, as it labels them.</summary>
public enum UserField { Email, DisplayName, Role, Password }

/// <summary>
/// What the form can tell before asking the server, and where a refusal of <see cref="OpsCopilot.Data.Tenants.TenantUsers"/>
/// belongs: at its field (the service names it email, display_name, role or password), in the service's own sentence.
/// </summary>
public static class UserFormRules
{
    public static IReadOnlyDictionary<UserField, string> Check(string? email, string? password)
    {
        var errors = new Dictionary<UserField, string>();
        if (string.IsNullOrWhiteSpace(email)) errors[UserField.Email] = "Enter the user's email address.";
        else if (!new EmailAddressAttribute().IsValid(email.Trim())) errors[UserField.Email] = "Enter a valid email address, e.g. name@company.com.";
        if (string.IsNullOrEmpty(password)) errors[UserField.Password] = "Enter an initial password.";
        return errors;
    }

    /// <summary>The field a refusal is about; null for one about the form as a whole.</summary>
    public static UserField? FieldOf(OpsException refused) => refused.Field switch
    {
        "email" => UserField.Email,
        "display_name" => UserField.DisplayName,
        "role" => UserField.Role,
        "password" => UserField.Password,
        // The one conflict of adding a user: the email is taken.
        _ when refused.Kind == OpsErrorKind.Conflict => UserField.Email,
        _ => null,
    };
}
