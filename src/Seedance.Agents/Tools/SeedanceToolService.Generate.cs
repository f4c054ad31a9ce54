using System.Text.Json;
using Seedance.Agents.Arguments;
using Seedance.Agents.Media;
using Seedance.Agents.Results;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;
using Seedance.Client.Tasks;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

public sealed partial class SeedanceToolService
{
    private const string LocalPlaceholder = "https://local-file.invalid/placeholder.png";

    private static readonly string[] GenerateArguments =
    [
        "model", "prompt", "duration", "size", "resolution", "seed", "generate_audio", "return_last_frame", "tools",
        "image_urls", "image_with_roles", "video_urls", "audio_urls", "wait",
    ];

    /// <summary>generate_video: validates every argument, uploads local images, submits, journals, optionally waits.</summary>
    public async Task<TaskReport> GenerateVideoAsync(JsonElement arguments, IProgress<ToolProgress>? progress, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, GenerateArguments);
        var request = new VideoGenerationRequest
        {
            Model = reader.String("model", "R1") ?? SeedanceModels.Standard,
            Prompt = reader.String("prompt", "R2"),
            Duration = Int32(reader, "duration", "R4") ?? VideoDefaults.Duration,
            Size = reader.String("size", "R5") ?? VideoDefaults.Size,
            Resolution = reader.String("resolution", "R6") ?? VideoDefaults.Resolution,
            Seed = reader.Integer("seed", "R7"),
            GenerateAudio = reader.Boolean("generate_audio", "R8") ?? false,
            ReturnLastFrame = reader.Boolean("return_last_frame", "R8") ?? true,
            Tools = reader.Tools("tools"),
            ImageUrls = reader.Strings("image_urls", "R10"),
            ImageWithRoles = reader.Roles("image_with_roles"),
            VideoUrls = reader.Strings("video_urls", "R14"),
            AudioUrls = reader.Strings("audio_urls", "R15"),
        };
        var wait = (int)(reader.Integer("wait", "wait", 0, SeedanceAgentOptions.MaxWaitSeconds) ?? 0);

        var (checkedRequest, uploads) = CheckLocalFiles(request, reader);
        var validation = _client.Validator.Validate(checkedRequest);
        var violations = reader.Violations.Concat(validation.Violations).ToArray();
        if (violations.Length > 0)
        {
            throw InvalidArguments(ToolNames.GenerateVideo, violations);
        }

        var ready = await UploadLocalFilesAsync(checkedRequest, uploads, cancellationToken);
        return await SubmitAndReportAsync(ready, parentTaskId: null, validation.Warnings, wait, progress, cancellationToken);
    }

    /// <summary>Validation-ready copy of the request (local images replaced by a placeholder URL) and the files to upload.</summary>
    private (VideoGenerationRequest Request, Dictionary<string, string> Uploads) CheckLocalFiles(VideoGenerationRequest request, ArgumentReader reader)
    {
        var uploads = new Dictionary<string, string>(StringComparer.Ordinal);

        string CheckImage(string parameter, string? value)
        {
            if (!LocalImageResolver.LooksLocal(value))
            {
                return value!;
            }

            var (path, problem) = _images.Check(parameter, value!);
            if (problem is not null)
            {
                // Reported once, here; the placeholder keeps the URL rule from reporting the same path again.
                reader.Add(problem);
                return LocalPlaceholder;
            }

            uploads[parameter] = path!;
            return LocalPlaceholder;
        }

        void RefuseLocalMedia(string name, IReadOnlyList<string>? urls)
        {
            for (var i = 0; i < (urls?.Count ?? 0); i++)
            {
                if (LocalImageResolver.LooksLocal(urls![i]))
                {
                    reader.Add(new Violation("R16", $"{name}[{i}]", urls[i], "an http(s) URL or asset://<id>",
                        "local video and audio files cannot be uploaded (the provider only uploads images); host the file and pass its URL"));
                }
            }
        }

        RefuseLocalMedia("video_urls", request.VideoUrls);
        RefuseLocalMedia("audio_urls", request.AudioUrls);
        var checkedRequest = request with
        {
            ImageUrls = request.ImageUrls?.Select((url, i) => CheckImage($"image_urls[{i}]", url)).ToArray(),
            ImageWithRoles = request.ImageWithRoles?.Select((item, i) => item with { Url = item.Url is null ? null : CheckImage($"image_with_roles[{i}].url", item.Url) }).ToArray(),
        };
        return (checkedRequest, uploads);
    }

    private async Task<VideoGenerationRequest> UploadLocalFilesAsync(VideoGenerationRequest request, Dictionary<string, string> uploads,
        CancellationToken cancellationToken)
    {
        if (uploads.Count == 0)
        {
            return request;
        }

        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (parameter, path) in uploads)
        {
            urls[parameter] = await LocalImageResolver.UploadAsync(_client, path, cancellationToken);
        }

        string Swap(string parameter, string? url) => urls.TryGetValue(parameter, out var uploaded) ? uploaded : url!;
        return request with
        {
            ImageUrls = request.ImageUrls?.Select((url, i) => Swap($"image_urls[{i}]", url)).ToArray(),
            ImageWithRoles = request.ImageWithRoles?.Select((item, i) => item with { Url = Swap($"image_with_roles[{i}].url", item.Url) }).ToArray(),
        };
    }

    /// <summary>Journals, submits and reports. The journal entry exists before the request leaves, so a paid task is never lost.</summary>
    private async Task<TaskReport> SubmitAndReportAsync(VideoGenerationRequest request, string? parentTaskId, IReadOnlyList<Violation> warnings,
        int wait, IProgress<ToolProgress>? progress, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString("N");
        var placeholder = "unconfirmed-" + key[..16];
        await _journal.RecordSubmittingAsync(placeholder, SeedanceJson.SerializeRequest(request), request.Model, request.Prompt, parentTaskId, key,
            cancellationToken);

        SubmittedTask submitted;
        try
        {
            submitted = await _client.SubmitAsync(request, key, cancellationToken);
        }
        catch (SeedanceApiException ex) when (ex.Kind == SeedanceErrorKind.SubmitOutcomeUnknown)
        {
            await _journal.MarkUnconfirmedAsync(placeholder, ex.Message, CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException)
        {
            // Cancelled while the request may have been on the wire: keep it listed as unconfirmed.
            await _journal.MarkUnconfirmedAsync(placeholder, "The call was cancelled while the submit was in flight.", CancellationToken.None);
            throw;
        }
        catch
        {
            await _journal.ForgetAsync(placeholder, CancellationToken.None);
            throw;
        }

        await _journal.ConfirmSubmittedAsync(placeholder, submitted.TaskId, CancellationToken.None);
        var notes = warnings.Select(w => $"{w.Parameter}: {w.Message} ({w.Allowed})").ToArray();
        if (wait > 0)
        {
            var task = await WaitBrieflyAsync(submitted.TaskId, wait, progress, cancellationToken);
            return await ReportAsync(task, notes, cancellationToken);
        }

        var entry = await _journal.FindAsync(submitted.TaskId, CancellationToken.None);
        return BuildReport(entry!, task: null, download: default, notes);
    }

    private static int? Int32(ArgumentReader reader, string name, string rule)
    {
        var value = reader.Integer(name, rule);
        if (value is null or (>= int.MinValue and <= int.MaxValue))
        {
            return (int?)value;
        }

        reader.Add(new Violation(rule, name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"an integer from {VideoDefaults.MinDuration} to {VideoDefaults.MaxDuration}", $"{name} is out of range"));
        return null;
    }
}
