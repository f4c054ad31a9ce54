using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Seedance.Client.Configuration;

/// <summary>
/// An integer setting's allowed range, with a message that names the setting (<c>Seedance:ReadRetries</c>) and the value
/// given, as a person fixing the configuration needs it. <see cref="RangeAttribute"/> cannot show the value given.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingRangeAttribute(int minimum, int maximum = int.MaxValue) : ValidationAttribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is int number && number >= Minimum && number <= Maximum)
        {
            return ValidationResult.Success;
        }

        var allowed = Maximum == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"at least {Minimum}")
            : string.Create(CultureInfo.InvariantCulture, $"{Minimum} to {Maximum}");
        return new ValidationResult(
            string.Create(CultureInfo.InvariantCulture, $"{SettingNames.Of(validationContext.MemberName)} must be {allowed}; given: {value}."));
    }
}
