using OpsCopilot.Data;
using OpsCopilot.Data.Security;

namespace OpsCopilot.Web.Features.Drivers;

/// <summary>The driver form's fields.</summary>
public enum DriverField { Name, Phone }

/// <summary>
/// DriverService's rules told at the form's fields in plain words ("Full name", "WhatsApp number"), never the API's
/// field names (full_name); a refusal the service still finds on save is placed at its field.
/// </summary>
public static class DriverFormRules
{
    public static IReadOnlyDictionary<DriverField, string> Check(string fullName, string phone, string? locale)
    {
        var errors = new Dictionary<DriverField, string>();
        var name = (fullName ?? "").Trim();
        if (name.Length == 0) errors[DriverField.Name] = "Enter the driver's full name.";
        else if (name.Length > 200) errors[DriverField.Name] = "The name is too long: at most 200 characters.";

        if (string.IsNullOrWhiteSpace(phone)) errors[DriverField.Phone] = "Enter the driver's WhatsApp number.";
        else if (!PhoneInput.TryNormalize(phone, locale, out _))
            errors[DriverField.Phone] = $"This is not a number WhatsApp can reach. Write it with the country code or as dialled at home: {PhoneInput.Example(locale)}.";
        return errors;
    }

    public static (DriverField Field, string Message) FromRefusal(OpsException refused, string fullName, string phone, string? locale)
    {
        // The one conflict a driver can meet is another driver with the same number.
        if (refused.Kind == OpsErrorKind.Conflict)
            return (DriverField.Phone, "Another driver already has this number: search for it in the list below.");
        var field = refused.Field == "full_name" ? DriverField.Name : DriverField.Phone;
        return (field, Check(fullName, phone, locale).TryGetValue(field, out var message) ? message : refused.Message);
    }
}
