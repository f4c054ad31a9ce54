using System.Text.Json;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Spending;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Starts a paid generation: prices it, keeps it within the daily budget, asks the user first when the host can and the
/// price calls for it, then submits with the journal and reports, after a short wait when the call asked for one.
/// A dry run stops after pricing and shows the body that would be sent.
/// </summary>
internal sealed class GenerationStarter
{
    private readonly SeedanceClient _client;
    private readonly JournaledSubmitter _submitter;
    private readonly TaskWaiter _waiter;
    private readonly SavedResultReporter _reporter;
    private readonly CostEstimator _estimator;
    private readonly SpendGuard _guard;
    private readonly TimeProvider _time;
    private readonly PaidQuoteStore _quotes;

    public GenerationStarter(SeedanceClient client, JournaledSubmitter submitter, TaskWaiter waiter, SavedResultReporter reporter, CostEstimator estimator,
        SpendGuard guard, PaidQuoteStore quotes, TimeProvider time)
    {
        _quotes = quotes;
        _client = client;
        _submitter = submitter;
        _waiter = waiter;
        _reporter = reporter;
        _estimator = estimator;
        _guard = guard;
        _time = time;
    }

    /// <summary>
    /// Prices a valid request, asks the user first where the host can and the price calls for it (or takes the
    /// <paramref name="confirmQuote"/> they confirmed), keeps to the daily budget, then submits it; <paramref name="warnings"/>
    /// (advice that did not block it) go into the report. <paramref name="beforeSend"/> finishes the request (uploads local
    /// files) only once it is cleared: nothing leaves the machine before the yes. Its input is the request the price and the
    /// quote were made for; <paramref name="localFiles"/> (the files it will upload) are bound to the quote with it.
    /// </summary>
    public async Task<TaskReport> StartAsync(string tool, VideoGenerationRequest request, string? parentTaskId, IReadOnlyList<Violation> warnings, int wait,
        ToolCall call, SequenceShot? shot = null, string? confirmQuote = null,
        Func<VideoGenerationRequest, DateTimeOffset, Task<VideoGenerationRequest>>? beforeSend = null, IEnumerable<string>? localFiles = null)
    {
        var estimate = await _estimator.EstimateAsync(request, call.CancellationToken);
        var binding = PaidQuoteStore.Bind(tool, parentTaskId, [_client.PrepareValidated(request).Body, .. localFiles ?? []]);
        call = await ClearAsync(tool, Quote(tool, request, estimate, default), call, binding, confirmQuote);
        var deadline = call.DeadlineFor(wait);
        if (beforeSend is not null)
        {
            request = await beforeSend(request, deadline - ToolCall.AnswerTime);
        }

        call.Sending.Start();
        var submitted = await _submitter.SubmitAsync(tool, request, parentTaskId, estimate, deadline, call.CancellationToken, shot);
        var notes = warnings.Select(w => $"{w.Parameter}: {w.Message} ({w.Allowed})").ToList();
        if (estimate.Usd is null && estimate.CountedBasis is not null && _guard.DailyBudget is not null)
        {
            notes.Add($"its price is not known, so until its real charge is known it counts against the daily budget as "
                + $"{CostEstimate.Money(estimate.Counted!.Value)} ({estimate.CountedBasis})");
        }

        if (submitted.Replayed)
        {
            notes.Add("the provider answered a repeated send of this request with the task it had already created (nothing was paid twice)");
        }

        if (submitted.JournalProblem is { } problem)
        {
            // The task exists and was paid for: say so with its id, never "nothing was sent".
            notes.Add($"the task was created, but this machine's journal could not record it ({problem}); keep the task_id, the server "
                + "keeps trying to record it");
            var entry = new JournalEntry
            {
                TaskId = submitted.TaskId,
                CreatedAt = _time.GetUtcNow(),
                UpdatedAt = _time.GetUtcNow(),
                RequestJson = "{}",
                Model = request.Model,
                Prompt = request.Prompt,
                ParentTaskId = parentTaskId,
                State = JournalState.Queued,
                EstimatedCost = estimate.Usd,
                EstimateSource = estimate.Source,
                EstimateBasis = estimate.Basis,
            };
            return TaskReportFactory.Build(entry, task: null, saved: default, notes);
        }

        if (wait > 0)
        {
            Seedance.Client.Tasks.SeedanceTask task;
            try
            {
                task = await _waiter.WaitAsync(submitted.TaskId, wait, call);
            }
            catch (Seedance.Client.Errors.SeedanceApiException ex)
            {
                // The task exists: a status read that failed must not end the call as if nothing had been sent.
                notes.Add($"the task was created, but reading its status failed ({ex.Message}); call check_task with its task_id");
                return await _reporter.ReportAsync(submitted.TaskId, notes, CancellationToken.None);
            }

            return await _reporter.ReportAsync(task, notes, deadline - ToolCall.AnswerTime, call.Progress, call.CancellationToken);
        }

        return await _reporter.ReportAsync(submitted.TaskId, notes, CancellationToken.None);
    }

    /// <summary>Validates nothing more and sends nothing: prices a valid request and shows the exact body a real call would send.</summary>
    public async Task<DryRunReport> PreviewAsync(string tool, VideoGenerationRequest request, IReadOnlyList<Violation> warnings, IEnumerable<string> notes,
        CancellationToken cancellationToken)
    {
        var estimate = await _estimator.EstimateAsync(request, cancellationToken);
        var spend = await PreviewSpendAsync(tool, estimate, $"Nothing was sent. To start it, call {tool} again with the same arguments and without dry_run",
            forAll: string.Empty, cancellationToken);
        var advice = warnings.Select(w => $"{w.Parameter}: {w.Message} ({w.Allowed})").Concat(notes).ToArray();
        return new DryRunReport
        {
            DryRun = true,
            Model = request.Model,
            Duration = request.Duration,
            Resolution = request.Resolution,
            EstimatedCostUsd = estimate.Usd,
            EstimateSource = estimate.Source,
            EstimateBasis = estimate.Basis,
            RequestBody = BodyOf(request),
            SpentTodayUsd = spend.SpentToday,
            DailyBudgetUsd = spend.DailyBudget,
            WouldAskFirst = spend.WouldAskFirst,
            WouldBeRefused = spend.WouldBeRefused,
            Warnings = advice.Length > 0 ? advice : null,
            NextStep = spend.NextStep,
        };
    }

    /// <summary>
    /// What the spend rules would say of a call at <paramref name="estimate"/>, for a dry run of one clip or of a whole film:
    /// <paramref name="startIt"/> is the next step when nothing stands in the way, followed by the price (<paramref name="forAll"/>
    /// says what it covers, e.g. " for all shots").
    /// </summary>
    public async Task<SpendPreview> PreviewSpendAsync(string tool, CostEstimate estimate, string startIt, string forAll, CancellationToken cancellationToken)
    {
        var today = await _guard.TodayAsync(cancellationToken);
        var refusal = _guard.OverBudget(tool, estimate, today);
        return new SpendPreview(today.Total, _guard.DailyBudget, _guard.ShouldAsk(estimate), refusal?.Error.Error,
            refusal is not null
                ? refusal.Error.NextStep
                : startIt + (estimate.Usd is { } usd ? $" (about {CostEstimate.Money(usd)}{forAll})." : " (its price is not known)."));
    }

    /// <summary>The exact body <paramref name="request"/> (already validated) would be sent with, as JSON.</summary>
    public JsonElement BodyOf(VideoGenerationRequest request)
    {
        using var body = JsonDocument.Parse(_client.PrepareValidated(request).Body);
        return body.RootElement.Clone();
    }

    /// <summary>
    /// The spend checks of a paid call, once for all it will start: refuses it when <paramref name="quote"/>'s estimate would take
    /// today's spend over the daily budget; when the price calls for a yes, takes the user's confirmed
    /// <paramref name="confirmQuote"/> (bound to <paramref name="binding"/>), or asks them within the call's deadline, or, when
    /// no one can be asked, refuses with a quote to confirm. Returns the call with the moment the user answered, when asked.
    /// </summary>
    public async Task<ToolCall> ClearAsync(string tool, PaidCallQuote quote, ToolCall call, string binding, string? confirmQuote)
    {
        var estimate = quote.Estimate;
        var today = await _guard.TodayAsync(call.CancellationToken);
        _guard.EnsureWithinBudget(tool, estimate, today);
        if (!_guard.ShouldAsk(estimate))
        {
            return call;
        }

        quote = quote with { SpentTodayUsd = today.Total, DailyBudgetUsd = _guard.DailyBudget };
        if (confirmQuote is not null)
        {
            if (await _quotes.RedeemAsync(confirmQuote, tool, binding, call.CancellationToken) is { } reason)
            {
                throw ToolErrorException.QuoteNotAccepted(tool, confirmQuote, reason);
            }

            return call;
        }

        var decision = call.Approver is { } approver ? await AskAsync(tool, approver, quote, call) : PaidCallDecision.Unavailable;
        switch (decision)
        {
            case PaidCallDecision.Declined or PaidCallDecision.Cancelled:
                throw ToolErrorException.Declined(tool, quote, decision);
            case PaidCallDecision.Failed:
                throw ToolErrorException.ConfirmationFailed(tool, "the client answered the question with an error");
            case PaidCallDecision.Late:
                throw ToolErrorException.ConfirmationStillOpen(tool, quote);
            case PaidCallDecision.Unavailable:
                // No one can be asked here: nothing is spent without a yes, so the model is given the price to put to the user.
                var (id, expires) = await _quotes.IssueAsync(tool, binding, call.CancellationToken);
                throw ToolErrorException.ConfirmationRequired(tool, quote, id, expires);
        }

        return call with { Answered = _time.GetUtcNow() };
    }

    /// <summary>
    /// Asks, within the call's deadline less what the submit and the answer need: the person's time is part of the call. A
    /// question not answered by then is given up, and so is a yes that came later: either way nothing is sent.
    /// </summary>
    private async Task<PaidCallDecision> AskAsync(string tool, IPaidCallApprover approver, PaidCallQuote quote, ToolCall call)
    {
        var giveUp = call.Deadline - ToolCall.SubmitReserve;
        var left = giveUp - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            throw ToolErrorException.ConfirmationStillOpen(tool, quote);
        }

        using var limit = new CancellationTokenSource(left, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, limit.Token);
        PaidCallDecision decision;
        try
        {
            // WaitAsync: an approver that ignores its token still cannot hold the call past the point of no return.
            decision = await approver.ApproveAsync(quote, linked.Token).AsTask().WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !call.CancellationToken.IsCancellationRequested)
        {
            throw ToolErrorException.ConfirmationStillOpen(tool, quote);
        }

        if (_time.GetUtcNow() > giveUp)
        {
            throw ToolErrorException.ConfirmationStillOpen(tool, quote);
        }

        return decision;
    }

    /// <summary>The quote of one clip (today's spend is filled in when the user is asked).</summary>
    public PaidCallQuote Quote(string tool, VideoGenerationRequest request, CostEstimate estimate, DailySpend today) => new()
    {
        Tool = tool,
        Model = request.Model,
        DurationSeconds = request.Duration,
        Resolution = request.Resolution,
        Size = request.Size,
        GenerateAudio = request.GenerateAudio,
        Estimate = estimate,
        SpentTodayUsd = today.Total,
        DailyBudgetUsd = _guard.DailyBudget,
    };
}
