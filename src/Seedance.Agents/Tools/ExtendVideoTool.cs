using Seedance.Agents.Journal;
using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Agents.Tasks;
using Seedance.Client;
using Seedance.Client.Models;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tools;

/// <summary>
/// extend_video: a new generation that inherits the previous clip's settings and continues it: by the provider itself where the
/// model has its own extension (<see cref="ProviderExtension"/>), otherwise from the previous clip's last frame.
/// </summary>
internal sealed class ExtendVideoTool : ISeedanceTool
{
    private readonly SeedanceClient _client;
    private readonly TaskJournal _journal;
    private readonly SequenceJournal _films;
    private readonly TaskWaiter _waiter;
    private readonly GenerationStarter _starter;
    private readonly LastFrameSource _frames;
    private readonly SequenceRunner _runner;
    private readonly TimeProvider _time;

    public ExtendVideoTool(SeedanceClient client, TaskJournal journal, SequenceJournal films, TaskWaiter waiter, GenerationStarter starter,
        LastFrameSource frames, SequenceRunner runner, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _runner = runner;
        _client = client;
        _journal = journal;
        _films = films;
        _waiter = waiter;
        _starter = starter;
        _frames = frames;
    }

    // Stands in, in a dry run's body, for the URL a saved last frame would get when uploaded again.
    private const string ReuploadPlaceholder = "https://local-file.invalid/last-frame.png";

    public ParameterTable Parameters => ToolParameters.Extend;

    public string Name => ToolNames.ExtendVideo;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.ExtendVideo,
        Title = "Extend a video",
        Description =
            "Continue a finished clip with a new PAID generation: on models with the provider's own extension (see list_models) the "
            + "provider continues the clip itself, elsewhere the last frame of task_id becomes its first frame; the answer says which. It keeps "
            + $"the previous clip's {Inherited()} unless you set them here (a resolution its model cannot render is refused before "
            + "anything is sent, naming the model: then pass model too), and again returns its "
            + "own last frame so chains can go on. The previous task must have succeeded with a last frame (generate_video asks "
            + "for one by default). Returns the new task_id; follow it with check_task. Given the sequence_id (seq_…) of a finished long "
            + "video, the new clip continues its last shot, becomes its next shot, and the film is stitched again with it. " + SpendWords.PaidCall(catalog),
        InputSchema = ParameterSchema.Write(ToolParameters.Extend, catalog),
        OutputSchema = OutputSchemas.PaidCall,
        OpenWorld = true,
        Paid = true,
    };

    public async Task<ToolOutcome> InvokeAsync(ToolArguments read, ToolCall call)
    {
        var cancellationToken = call.CancellationToken;
        var taskId = read.Text(ToolParameters.ExtendTaskId)!.Trim();
        var wait = read.Number(ToolParameters.Wait);
        var deadline = call.DeadlineFor(wait) - ToolCall.AnswerTime;
        var sequence = SequencePlan.IsSequenceId(taskId) ? await _films.FindSequenceAsync(taskId, cancellationToken) : null;
        if (sequence is not null)
        {
            taskId = await LastShotAsync(sequence, cancellationToken);
        }

        var (previous, entry) = await FindPreviousAsync(taskId, deadline, cancellationToken);
        var dryRun = read.Flag(ToolParameters.DryRun);
        var earlier = (entry?.RequestJson is { Length: > 2 } json ? SeedanceJson.DeserializeRequest(json) : null) ?? new VideoGenerationRequest();

        // Where the model has the provider's own extension, the provider continues the clip itself; elsewhere the new clip
        // starts on the previous one's last frame.
        var clip = ProviderExtension.ClipToExtend(_client.Catalog, Parameters.ToRequest(read, Parameters.Inherit(earlier, new VideoGenerationRequest())).Model,
            previous, _time.GetUtcNow());
        var firstFrame = clip is null ? FirstFrame(previous, entry) : null;
        var start = clip is not null
            ? ProviderExtension.Request(clip)
            : new VideoGenerationRequest
            {
                ReturnLastFrame = true,
                ImageWithRoles = [new ImageWithRole { Url = firstFrame, Role = ImageRoles.FirstFrame }],
            };
        var request = Parameters.ToRequest(read, Parameters.Inherit(earlier, start));
        var how = ProviderExtension.Describe(request.Model, clip is not null);
        var validation = _client.Validator.Validate(request);
        if (!validation.IsValid)
        {
            throw ToolErrorException.InvalidArguments(Name, validation.Violations);
        }

        if (dryRun)
        {
            string[] notes = firstFrame == ReuploadPlaceholder
                ? [$"the saved last frame {entry!.LocalLastFramePath} is uploaded again first (the link expired); its URL replaces the placeholder in the body"]
                : [];
            return ToolOutcomes.Success(await _starter.PreviewAsync(Name, request, validation.Warnings, [how, .. notes], cancellationToken));
        }

        // A saved last frame is uploaded again only once the call is cleared (price confirmed, budget kept).
        var confirmQuote = read.Text(ToolParameters.ConfirmQuote);
        Func<VideoGenerationRequest, DateTimeOffset, Task<VideoGenerationRequest>>? beforeSend = firstFrame != ReuploadPlaceholder
            ? null
            : async (cleared, until) => cleared with
            {
                ImageWithRoles = [new ImageWithRole
                {
                    Url = await _frames.UploadAsync(LastFrameSource.SavedCopy(entry)!, until, cancellationToken),
                    Role = ImageRoles.FirstFrame,
                }],
            };
        if (sequence is null)
        {
            var started = await _starter.StartAsync(Name, request, previous.Id, validation.Warnings, wait, call, confirmQuote: confirmQuote,
                beforeSend: beforeSend);
            return ToolOutcomes.Success(started with { Warnings = [how, .. started.Warnings ?? []] });
        }

        // The new clip is the sequence's next shot (one row per shot: a second extension of the same film at once is refused by the
        // journal before it is sent); once it is done the chain saves it and stitches the film again.
        var shot = new SequenceShot(sequence.SequenceId, sequence.ShotCount + 1);
        var report = await _starter.StartAsync(Name, request, previous.Id, validation.Warnings, wait, call, shot, confirmQuote, beforeSend);
        await _films.AddShotAsync(sequence.SequenceId, shot.Shot, CancellationToken.None);
        _runner.Ensure(sequence.SequenceId);
        return ToolOutcomes.Success(report with
        {
            Warnings = [how, .. report.Warnings ?? []],
            NextStep = $"This clip is shot {shot.Shot} of {sequence.SequenceId}; when it is done the film is stitched again with it. Call check_task with "
                + $"task_id \"{sequence.SequenceId}\" and wait=50 to follow the film.",
        });
    }

    /// <summary>The last shot of a finished sequence, with an error that says what to do when it cannot be continued yet.</summary>
    private async Task<string> LastShotAsync(SequenceEntry sequence, CancellationToken cancellationToken)
    {
        var id = sequence.SequenceId;
        var shots = await _films.ShotsAsync(id, cancellationToken);
        var last = shots.FirstOrDefault(s => s.Shot == sequence.ShotCount);
        switch (sequence.State)
        {
            case SequenceState.Running or SequenceState.Stopping:
                throw ToolErrorException.CannotExtend($"Long video '{id}' is still {(sequence.State == SequenceState.Running ? "rendering" : "being stopped")}.",
                    $"Call check_task with task_id \"{id}\" and wait=50 until it is done, then call extend_video again.");
            case SequenceState.Failed:
                var good = shots.LastOrDefault(s => s.State == JournalState.Succeeded);
                throw ToolErrorException.CannotExtend($"Long video '{id}' stopped at shot {sequence.FailedShot} ({sequence.Problem}).",
                    good is null
                        ? "Start again with generate_long_video."
                        : $"Continue from its last good shot instead: call extend_video with task_id \"{good.TaskId}\".");
        }

        return last?.TaskId ?? throw ToolErrorException.CannotExtend($"Long video '{id}' has no last shot on record.", "Start again with generate_long_video.");
    }

    // "model, size, resolution and generate_audio": the settings the table inherits.
    private static string Inherited()
    {
        var names = ToolParameters.Extend.Parameters.Where(p => p.IsInherited).Select(p => p.Name).ToArray();
        return names.Length < 2 ? string.Join(string.Empty, names) : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }

    /// <summary>The previous task, fresh from the provider, with an error that says what to do when it cannot be extended.</summary>
    private async Task<(SeedanceTask Task, JournalEntry? Entry)> FindPreviousAsync(string taskId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var entry = await _journal.FindAsync(taskId, cancellationToken);
        if (entry?.State is JournalState.Unconfirmed or JournalState.Submitting)
        {
            throw ToolErrorException.CannotExtend($"Task '{taskId}' is an unconfirmed submit: there is no clip to extend.",
                "Call list_tasks to find a task that succeeded, or generate a new clip with generate_video.");
        }

        var task = await _waiter.ReadAsync(taskId, deadline, cancellationToken);
        entry = await _journal.FindAsync(taskId, CancellationToken.None);
        switch (task.State)
        {
            case SeedanceTaskState.Queued or SeedanceTaskState.Running:
                throw ToolErrorException.CannotExtend($"Task '{taskId}' is still rendering ({task.Progress ?? 0}%).",
                    $"Call check_task with task_id \"{taskId}\" and wait=50 until it succeeds, then call extend_video again.");
            case SeedanceTaskState.Failed or SeedanceTaskState.Cancelled:
                var reason = task.Error is { } error ? error.Message ?? error.Code : null;
                throw ToolErrorException.CannotExtend($"Task '{taskId}' {task.RawStatus ?? "failed"} ({reason ?? "no reason given"}) and has no last frame.",
                    "Extend a task that succeeded (list_tasks shows them), or start again with generate_video.");
        }

        return (task, entry);
    }

    /// <summary>
    /// The previous clip's last frame as a URL the provider can read: its link, or, once the link expired, a placeholder for
    /// the saved copy, which is uploaded again only when the call is cleared.
    /// </summary>
    private string FirstFrame(SeedanceTask previous, JournalEntry? entry)
    {
        if (_frames.Link(previous, TimeSpan.Zero) is { } url)
        {
            return url;
        }

        if (LastFrameSource.SavedCopy(entry) is not null)
        {
            return ReuploadPlaceholder;
        }

        if (previous.LastFrameUrl is null)
        {
            throw ToolErrorException.CannotExtend($"Task '{previous.Id}' finished without a last frame (it was made with return_last_frame false).",
                "Call generate_video with image_with_roles [{\"url\": <an image of the frame to start from>, \"role\": \"first_frame\"}] "
                + "and return_last_frame true instead.");
        }

        throw ToolErrorException.CannotExtend($"Task '{previous.Id}''s links expired and no copy of its last frame was saved.",
            "Call generate_video with image_with_roles [{\"url\": <an image of the frame to start from>, \"role\": \"first_frame\"}] instead.");
    }
}
