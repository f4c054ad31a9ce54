using Microsoft.Extensions.Options;

namespace Seedance.Agents;

/// <summary>Validates <see cref="SeedanceAgentOptions"/>, naming each wrong setting.</summary>
internal sealed class SeedanceAgentOptionsValidator : IValidateOptions<SeedanceAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, SeedanceAgentOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
