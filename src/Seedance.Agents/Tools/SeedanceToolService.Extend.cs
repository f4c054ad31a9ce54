using System.Text.Json;
using Seedance.Agents.Arguments;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;
using Seedance.Client.Tasks;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

public sealed partial class SeedanceToolService
{
    private static readonly string[] ExtendArguments = ["task_id", "prompt", "model", "duration", "size", "resolution", "generate_audio", "seed", "wait"];

    /// <summary>extend_video: the previous clip's last frame becomes the first frame of a new generation that inherits its settings.</summary>
    public async Task<TaskReport> ExtendVideoAsync(JsonElement arguments, IProgress<ToolProgress>? progress, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, ExtendArguments);
        var taskId = RequiredTaskId(reader, ToolNames.ExtendVideo);
        var prompt = reader.String("prompt", "R2");
        if (string.IsNullOrWhiteSpace(prompt) && !reader.Violations.Any(v => v.Parameter == "prompt"))
        {
            reader.Add(new Violation("R2", "prompt", prompt, "a description of what happens next", "extend_video needs a prompt"));
        }

        var model = reader.String("model", "R1");
        var duration = Int32(reader, "duration", "R4");
        var size = reader.String("size", "R5");
        var resolution = reader.String("resolution", "R6");
        var audio = reader.Boolean("generate_audio", "R8");
        var seed = reader.Integer("seed", "R7");
        var wait = (int)(reader.Integer("wait", "wait", 0, SeedanceAgentOptions.MaxWaitSeconds) ?? 0);
        if (reader.Violations.Count > 0)
        {
            throw InvalidArguments(ToolNames.ExtendVideo, reader.Violations);
        }

        var (previous, entry) = await FindPreviousAsync(taskId, cancellationToken);
        var firstFrame = await FirstFrameAsync(previous, entry, cancellationToken);
        var inherited = entry?.RequestJson is { Length: > 2 } json ? SeedanceJson.DeserializeRequest(json) : null;
        inherited ??= new VideoGenerationRequest();

        var request = new VideoGenerationRequest
        {
            Model = model ?? inherited.Model,
            Prompt = prompt,
            Duration = duration ?? VideoDefaults.Duration,
            Size = size ?? inherited.Size,
            Resolution = resolution ?? inherited.Resolution,
            GenerateAudio = audio ?? inherited.GenerateAudio,
            Seed = seed,
            ReturnLastFrame = true,
            ImageWithRoles = [new ImageWithRole { Url = firstFrame, Role = ImageRoles.FirstFrame }],
        };
        var validation = _client.Validator.Validate(request);
        if (!validation.IsValid)
        {
            throw InvalidArguments(ToolNames.ExtendVideo, validation.Violations);
        }

        return await SubmitAndReportAsync(request, previous.Id, validation.Warnings, wait, progress, cancellationToken);
    }

    /// <summary>The previous task, fresh from the provider, with an error that says what to do when it cannot be extended.</summary>
    private async Task<(SeedanceTask Task, JournalEntry? Entry)> FindPreviousAsync(string taskId, CancellationToken cancellationToken)
    {
        var entry = await _journal.FindAsync(taskId, cancellationToken);
        if (entry?.State is JournalState.Unconfirmed or JournalState.Submitting)
        {
            throw Cannot(taskId, $"Task '{taskId}' is an unconfirmed submit: there is no clip to extend.",
                "Call list_tasks to find a task that succeeded, or generate a new clip with generate_video.");
        }

        var task = await ReadTaskAsync(taskId, cancellationToken);
        entry = await _journal.FindAsync(taskId, CancellationToken.None);
        switch (task.State)
        {
            case SeedanceTaskState.Queued or SeedanceTaskState.Running:
                throw Cannot(taskId, $"Task '{taskId}' is still rendering ({task.Progress ?? 0}%).",
                    $"Call check_task with task_id \"{taskId}\" and wait=50 until it succeeds, then call extend_video again.");
            case SeedanceTaskState.Failed or SeedanceTaskState.Cancelled:
                throw Cannot(taskId, $"Task '{taskId}' {task.RawStatus ?? "failed"} ({ErrorText(task) ?? "no reason given"}) and has no last frame.",
                    "Extend a task that succeeded (list_tasks shows them), or start again with generate_video.");
        }

        return (task, entry);
    }

    /// <summary>The previous clip's last frame as a URL the provider can read: its link, or the saved copy uploaded again once the link expired.</summary>
    private async Task<string> FirstFrameAsync(SeedanceTask previous, JournalEntry? entry, CancellationToken cancellationToken)
    {
        var expired = previous.ExpiresAt is { } expires && expires <= _time.GetUtcNow();
        if (previous.LastFrameUrl is { } url && !expired)
        {
            return url;
        }

        if (IsLocalCopy(entry?.LocalLastFramePath))
        {
            return (await _client.UploadImageFileAsync(entry!.LocalLastFramePath!, cancellationToken)).Url;
        }

        if (previous.LastFrameUrl is null)
        {
            throw Cannot(previous.Id, $"Task '{previous.Id}' finished without a last frame (it was made with return_last_frame false).",
                "Call generate_video with image_with_roles [{\"url\": <an image of the frame to start from>, \"role\": \"first_frame\"}] "
                + "and return_last_frame true instead.");
        }

        throw Cannot(previous.Id, $"Task '{previous.Id}''s links expired and no copy of its last frame was saved.",
            "Call generate_video with image_with_roles [{\"url\": <an image of the frame to start from>, \"role\": \"first_frame\"}] instead.");
    }

    private static ToolFailure Cannot(string taskId, string error, string next) => new(new ToolError
    {
        Kind = "cannot_extend",
        Error = error + " Nothing was sent or charged.",
        NextStep = next,
    });
}
