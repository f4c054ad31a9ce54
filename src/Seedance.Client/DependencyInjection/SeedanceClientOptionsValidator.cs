using Microsoft.Extensions.Options;

namespace Seedance.Client;

/// <summary>Validates <see cref="SeedanceClientOptions"/> at start, naming each wrong setting.</summary>
internal sealed class SeedanceClientOptionsValidator : IValidateOptions<SeedanceClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SeedanceClientOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
