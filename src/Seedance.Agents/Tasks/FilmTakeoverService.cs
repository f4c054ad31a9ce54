using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Seedance.Agents.Journal;
using Seedance.Client.Callers;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Where several processes share a journal database (PostgreSQL), looks every <see cref="Interval"/> for films whose chain
/// no live process holds (the holder died; its lease lapsed after <see cref="JournalLeases.Lifetime"/>) and resumes those of
/// callers this process knows (<see cref="KnownCallers"/>), under that caller. The film's lease makes sure only one process
/// takes each; the journal makes sure no shot is sent twice. Within a minute of a death the work goes on elsewhere.
/// </summary>
internal sealed partial class FilmTakeoverService(IServiceProvider services, ILogger<FilmTakeoverService> logger) : BackgroundService
{
    /// <summary>How often the journal is looked at for films left behind.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        try
        {
            await Task.Delay(JournalRecoveryService.StartDelay, time, stoppingToken);
            var database = services.GetRequiredService<JournalDatabase>();
            if (!database.IsShared)
            {
                return;
            }

            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is TaskJournalException or Microsoft.Extensions.Options.OptionsValidationException
            or Client.Errors.SeedanceConfigurationException or IOException)
        {
            // Settings the first call will explain: a sweep has nothing to add, and must not stop the host.
            SweepFailed(logger, ex.Message);
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var leases = services.GetRequiredService<JournalLeases>();
            var known = services.GetRequiredService<KnownCallers>();
            var runner = services.GetRequiredService<SequenceRunner>();
            foreach (var (sequenceId, owner) in await leases.UnclaimedFilmsAsync(50, cancellationToken))
            {
                if (known.Find(owner) is { } caller && !runner.IsRunning(sequenceId))
                {
                    using (SeedanceCaller.Use(caller))
                    {
                        runner.Ensure(sequenceId);
                    }

                    TakingOver(logger, sequenceId);
                }
            }
        }
        catch (TaskJournalException ex)
        {
            SweepFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(20, LogLevel.Information, "Taking over film {SequenceId}: no live process held its chain.")]
    private static partial void TakingOver(ILogger logger, string sequenceId);

    [LoggerMessage(21, LogLevel.Warning, "Looking for films left behind failed ({Reason}); trying again shortly.")]
    private static partial void SweepFailed(ILogger logger, string reason);
}
