using Seedance.Agents.Journal;
using Seedance.Agents.Media;
using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Agents.Spending;
using Seedance.Agents.Tasks;
using Seedance.Client;
using Seedance.Client.Models;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

/// <summary>
/// generate_long_video: checks and prices every shot, asks once for the whole film, then leaves the chain to the
/// background <see cref="SequenceRunner"/> and answers with the sequence id (after a short wait when asked).
/// </summary>
internal sealed class GenerateLongVideoTool : ISeedanceTool
{
    private readonly SeedanceClient _client;
    private readonly LocalImageInputs _images;
    private readonly GenerationStarter _starter;
    private readonly CostEstimator _estimator;
    private readonly SpendGuard _guard;
    private readonly SequenceJournal _films;
    private readonly SequenceRunner _runner;
    private readonly SequenceReporter _reporter;

    public GenerateLongVideoTool(SeedanceClient client, LocalImageInputs images, GenerationStarter starter, CostEstimator estimator, SpendGuard guard,
        SequenceJournal films, SequenceRunner runner, SequenceReporter reporter)
    {
        _client = client;
        _images = images;
        _starter = starter;
        _estimator = estimator;
        _guard = guard;
        _films = films;
        _runner = runner;
        _reporter = reporter;
    }

    public ParameterTable Parameters => ToolParameters.LongVideo;

    public bool ChecksRequest => true;

    public string Name => ToolNames.GenerateLongVideo;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.GenerateLongVideo,
        Title = "Generate a long video from a storyboard (Seedance 2.0)",
        Description =
            $"Make a film longer than one clip (how long a shot may be depends on the model: see shots[].duration) from a storyboard of {ToolParameters.MinShots} to "
            + $"{ToolParameters.MaxShots} shots: each shot is rendered as one PAID clip, each shot after the first starts on the previous "
            + "shot's last frame (so the film flows), and when all are saved they are stitched into one MP4 on this machine. Model, size, "
            + "resolution, generate_audio and seed are shared by every shot; image inputs apply to the first shot. The whole film is priced "
            + "and confirmed once. The shots render in the background of this server (minutes each), so the call returns a sequence_id at "
            + "once; then call check_task with that sequence_id and wait=50 until done is true, which gives the film's path and each shot's. "
            + "A failed shot stops the chain (the answer says which and why; later shots are not sent); stop_long_video stops it when the "
            + "user wants no more. Never call it again for a film "
            + "that is still rendering: that pays twice. " + SpendWords.PaidCall(catalog),
        InputSchema = ParameterSchema.Write(ToolParameters.LongVideo, catalog),
        OutputSchema = OutputSchemas.LongVideo,
        OpenWorld = true,
        Paid = true,
    };

    public async Task<ToolOutcome> InvokeAsync(ToolArguments read, ToolCall call)
    {
        var cancellationToken = call.CancellationToken;
        var shots = read.List<ShotSpec>(ToolParameters.Shots);
        var wait = read.Number(ToolParameters.Wait);

        // The settings every shot shares, with the table's defaults; later shots drop the first shot's images.
        var shared = Parameters.ToRequest(read, new VideoGenerationRequest { ReturnLastFrame = true });
        var (first, uploads) = _images.Check(With(shared, shots.Count > 0 ? shots[0] : null), read);
        var later = shared with { ImageUrls = null, ImageWithRoles = null };
        var requests = new List<VideoGenerationRequest> { first };
        requests.AddRange(shots.Skip(1).Select(s => SequencePlan.StartingOn(With(later, s), SequencePlan.PreviousLastFrame)));

        var violations = new List<Violation>(read.Violations);
        var warnings = new List<Violation>();
        if (shots.Count > 0)
        {
            for (var i = 0; i < requests.Count; i++)
            {
                var result = _client.Validator.Validate(requests[i]);
                Add(violations, result.Violations, i);
                Add(warnings, result.Warnings, i);
            }
        }

        if (violations.Count > 0)
        {
            throw ToolErrorException.InvalidArguments(Name, violations);
        }

        var estimates = new List<CostEstimate>();
        foreach (var request in requests)
        {
            estimates.Add(await _estimator.EstimateAsync(request, cancellationToken));
        }

        var total = Total(estimates);
        var notes = warnings.Select(w => $"{w.Parameter}: {w.Message} ({w.Allowed})").ToList();
        if (read.Flag(ToolParameters.DryRun))
        {
            notes.AddRange(uploads.Select(u => $"{u.Key}: the local file {u.Value} is uploaded first; its URL replaces the placeholder in shot 1's body"));
            return ToolOutcomes.Success(await PreviewAsync(requests, estimates, total, notes, cancellationToken));
        }

        var quote = _starter.Quote(Name, first, total, default) with { Shots = requests.Count, DurationSeconds = total.Seconds };
        var binding = PaidQuoteStore.Bind(Name, parentTaskId: null,
            requests.Select(r => _client.PrepareValidated(r).Body).Concat(uploads.Select(u => $"{u.Key}={u.Value}")));
        call = await _starter.ClearAsync(Name, quote, call, binding, read.Text(ToolParameters.ConfirmQuote));

        var ready = await _images.UploadAsync(first, uploads, call.DeadlineFor(0) - ToolCall.AnswerTime, cancellationToken);
        var plan = requests.Select((r, i) => i == 0 ? ready : r with { ImageWithRoles = null }).ToArray();
        var id = SequencePlan.NewId();
        await _films.CreateSequenceAsync(new SequenceEntry
        {
            SequenceId = id,
            CreatedAt = default,
            UpdatedAt = default,
            PlanJson = SequencePlan.Write(plan),
            ShotCount = plan.Length,
            State = SequenceState.Running,
            EstimatedCost = total.Usd,
            ReservedCost = total.Counted,
        }, _guard.Admission(Name, total), cancellationToken);
        _runner.Ensure(id);
        if (total.Usd is null && total.Counted is { } held && _guard.DailyBudget is not null)
        {
            notes.Add($"its price is not known, so while it renders the film holds {CostEstimate.Money(held)} of the daily budget ({total.CountedBasis}); "
                + "what its shots do not spend is released when it ends");
        }

        return ToolOutcomes.Success(await _reporter.ReportAsync(id, wait, call, notes));
    }

    private static VideoGenerationRequest With(VideoGenerationRequest shared, ShotSpec? shot) =>
        shot is null ? shared : shared with { Prompt = shot.Prompt, Duration = shot.Duration ?? shared.Duration };

    // A shot's own fields are named by their place in the storyboard; a shared setting is reported once, not once per shot.
    private static void Add(List<Violation> into, IEnumerable<Violation> found, int shot)
    {
        foreach (var violation in found)
        {
            var named = violation.Parameter is "prompt" or "duration" ? violation with { Parameter = $"shots[{shot}].{violation.Parameter}" } : violation;
            if (!into.Any(v => v.Parameter == named.Parameter && v.Message == named.Message))
            {
                into.Add(named);
            }
        }
    }

    private static CostEstimate Total(List<CostEstimate> estimates)
    {
        var seconds = estimates.Sum(e => e.Seconds);
        var usd = estimates.All(e => e.Usd is not null) ? estimates.Sum(e => e.Usd!.Value) : (decimal?)null;
        var sources = estimates.Select(e => e.Source).Distinct(StringComparer.Ordinal).ToArray();
        var basis = $"{estimates.Count} shots, {seconds} s in all: "
            + string.Join("; ", estimates.Select((e, i) => $"shot {i + 1} {e.Display} ({e.Basis})"));
        var counted = estimates.All(e => e.Counted is not null) ? estimates.Sum(e => e.Counted!.Value) : (decimal?)null;
        return new CostEstimate(usd, usd is { } sum && seconds > 0 ? Math.Round(sum / seconds, 4) : null, seconds,
            sources.Length == 1 ? sources[0] : EstimateSources.None, basis)
        {
            Counted = counted,
            CountedBasis = usd is null && counted is not null ? "the shots without a price counted at the highest price per second known" : null,
        };
    }

    private async Task<SequencePreview> PreviewAsync(List<VideoGenerationRequest> requests, List<CostEstimate> estimates, CostEstimate total,
        List<string> notes, CancellationToken cancellationToken)
    {
        var spend = await _starter.PreviewSpendAsync(Name, total, $"Nothing was sent. Shots after the first show {SequencePlan.PreviousLastFrame} where "
            + $"the previous shot's last frame will go. To start the film, call {Name} again with the same arguments and without dry_run",
            forAll: " for all shots", cancellationToken);
        var shots = requests.Select((r, i) => new ShotPreview
        {
            Shot = i + 1,
            Duration = r.Duration,
            EstimatedCostUsd = estimates[i].Usd,
            EstimateBasis = estimates[i].Basis,
            RequestBody = _starter.BodyOf(r),
        }).ToArray();
        return new SequencePreview
        {
            DryRun = true,
            Model = requests[0].Model,
            Resolution = requests[0].Resolution,
            TotalDuration = total.Seconds,
            Shots = shots,
            EstimatedCostUsd = total.Usd,
            EstimateSource = total.Source,
            SpentTodayUsd = spend.SpentToday,
            DailyBudgetUsd = spend.DailyBudget,
            WouldAskFirst = spend.WouldAskFirst,
            WouldBeRefused = spend.WouldBeRefused,
            Warnings = notes.Count > 0 ? notes : null,
            NextStep = spend.NextStep,
        };
    }
}
