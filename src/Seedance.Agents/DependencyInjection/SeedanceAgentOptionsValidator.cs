using Microsoft.Extensions.Options;

namespace Seedance.Agents;

/// <summary>Validates <see cref="SeedanceAgentOptions"/> when the host starts (generated), naming each wrong setting.</summary>
[OptionsValidator]
internal sealed partial class SeedanceAgentOptionsValidator : IValidateOptions<SeedanceAgentOptions>;
