using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seedance.Agents.Journal;
using Seedance.Agents.Tasks;
using Seedance.Client.Errors;

namespace Seedance.Mcp.Hosting;

/// <summary>
/// Runs the journal's recovery once, shortly after the server starts and in the background (the protocol is answered
/// first): submits a crash left unconfirmed are settled by replay, interrupted saves resume.
/// </summary>
internal sealed partial class RecoveryService(IServiceProvider services, ILogger<RecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
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
            or Microsoft.Extensions.Options.OptionsValidationException)
        {
            Failed(logger, ex.Message);
        }
    }

    [LoggerMessage(10, LogLevel.Information, "Recovery at start: {Settled} unconfirmed submit(s) settled, {Saves} interrupted save(s) resumed.")]
    private static partial void Recovered(ILogger logger, int settled, int saves);

    [LoggerMessage(11, LogLevel.Warning, "Recovery at start could not finish ({Reason}); check_task settles each task on demand.")]
    private static partial void Failed(ILogger logger, string reason);
}
