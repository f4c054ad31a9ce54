using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seedance.Agents.Journal;
using Seedance.Client.Errors;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Runs <see cref="JournalRecovery"/> once in any generic host that called <c>AddSeedanceAgents()</c> (MCP, Semantic
/// Kernel, Agent Framework): a second after start and in the background, so a server answers its first request
/// first and nothing is built before then; submits a crash left unconfirmed are settled by replay, interrupted saves
/// resume, cut-off films carry on.
/// </summary>
internal sealed partial class JournalRecoveryService(IServiceProvider services, ILogger<JournalRecoveryService> logger) : BackgroundService
{
    /// <summary>How long after start the recovery waits, so the host's first answers are not held up by it.</summary>
    internal static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(StartDelay, services.GetService<TimeProvider>() ?? TimeProvider.System, stoppingToken);
            var (settled, saves) = await services.GetRequiredService<JournalRecovery>().RunAsync(stoppingToken);
            if (settled + saves > 0)
            {
                Recovered(logger, settled, saves);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is TaskJournalException or SeedanceApiException or SeedanceConfigurationException or IOException
            or OptionsValidationException)
        {
            Failed(logger, ex.Message);
        }
    }

    [LoggerMessage(10, LogLevel.Information, "Recovery at start: {Settled} unconfirmed submit(s) settled, {Saves} interrupted save(s) resumed.")]
    private static partial void Recovered(ILogger logger, int settled, int saves);

    [LoggerMessage(11, LogLevel.Warning, "Recovery at start could not finish ({Reason}); check_task settles each task on demand.")]
    private static partial void Failed(ILogger logger, string reason);
}
