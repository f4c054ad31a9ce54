using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Seedance.Client.Configuration;

/// <summary>A <see cref="TimeSpan"/> setting that must be above zero; the message names the setting and the value given.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class PositiveDurationAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is TimeSpan span && span > TimeSpan.Zero
            ? ValidationResult.Success
            : new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"{SettingNames.Of(validationContext.MemberName)} must be positive; given: {value}."));
}
