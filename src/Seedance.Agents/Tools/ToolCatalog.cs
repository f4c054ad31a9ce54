using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Agents.Tools;

/// <summary>
/// The tool definitions, written once for every host. Schemas carry enums, ranges and item limits; the
/// descriptions say the same in words (some hosts drop schema ranges) plus the cross-field rules and defaults.
/// Model names and resolutions come from the model catalogue, so a model added in configuration shows up here.
/// </summary>
public static class ToolCatalog
{
    /// <summary>The definitions for the given catalogue, in a stable order.</summary>
    public static IReadOnlyList<SeedanceToolDefinition> Create(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var report = TaskReportSchema();
        return
        [
            new SeedanceToolDefinition
            {
                Name = ToolNames.GenerateVideo,
                Title = "Generate a video (Seedance 2.0)",
                Description =
                    "Start a new video with ByteDance Seedance 2.0: text-to-video, image-to-video (first/last frame), or guided by "
                    + "reference images, videos and audio. Each call starts one PAID generation job. Rendering takes about 1 to 5 "
                    + "minutes, so the call returns a task_id at once (or after `wait` seconds); then call check_task with that "
                    + "task_id and wait=50 until status is succeeded, which gives the video link and the downloaded file. Never call "
                    + "generate_video again to retry a task that is still running: that pays twice. Arguments are the provider's "
                    + "request fields. Defaults: model doubao-seedance-2.0, duration 5, size 16:9, resolution 720p, generate_audio "
                    + "false, return_last_frame true (so the clip can be continued with extend_video). Bad arguments are refused "
                    + "before anything is sent, with every problem listed.",
                InputSchema = Schema(GenerateProperties(catalog, forExtend: false), required: []),
                OutputSchema = report,
                OpenWorld = true,
            },
            new SeedanceToolDefinition
            {
                Name = ToolNames.CheckTask,
                Title = "Check a video task",
                Description =
                    "Get the state of a video task made by generate_video or extend_video: progress, and once finished the video "
                    + "link (it expires 24 hours after completion), the path of the downloaded file, the last-frame link, the cost, "
                    + "or the provider's reason for a failure. Checking is free. Pass wait (0 to 50 seconds) to block until the task "
                    + "ends or the time is up; progress is reported while waiting. Call it again with the same task_id until done is true.",
                InputSchema = Schema(new JsonObject
                {
                    ["task_id"] = Text("The task_id returned by generate_video or extend_video (it starts with task_). list_tasks shows recent ones."),
                    ["wait"] = WaitProperty(),
                }, required: ["task_id"]),
                OutputSchema = report,
                ReadOnly = true,
                Idempotent = true,
                OpenWorld = true,
            },
            new SeedanceToolDefinition
            {
                Name = ToolNames.ExtendVideo,
                Title = "Extend a video",
                Description =
                    "Continue a finished clip: the last frame of task_id becomes the first frame of a new PAID generation that keeps "
                    + "the previous clip's model, size, resolution and generate_audio unless you set them here, and again returns its "
                    + "own last frame so chains can go on. The previous task must have succeeded with a last frame (generate_video asks "
                    + "for one by default). Returns the new task_id; follow it with check_task.",
                InputSchema = Schema(ExtendProperties(catalog), required: ["task_id", "prompt"]),
                OutputSchema = report,
                OpenWorld = true,
            },
            new SeedanceToolDefinition
            {
                Name = ToolNames.ListTasks,
                Title = "List video tasks",
                Description =
                    "List recent video tasks from this machine's journal, newest first: task_id, status, prompt, links, local files "
                    + "and cost. Free and offline. Use it to find a task_id that was lost, to see what is still rendering, or to find "
                    + "submits whose outcome is unconfirmed (check those before generating again, which would pay twice).",
                InputSchema = Schema(new JsonObject
                {
                    ["limit"] = Integer("How many tasks to list, 1 to 50. Default 10.", 1, 50, 10),
                    ["status"] = Enum("Only tasks in this state: all, active (queued or running), succeeded, failed, unconfirmed. Default all.",
                        ["all", "active", "succeeded", "failed", "unconfirmed"], "all"),
                }, required: []),
                OutputSchema = ListSchema(report),
                ReadOnly = true,
                Idempotent = true,
            },
        ];
    }

    private static JsonObject GenerateProperties(ModelCatalog catalog, bool forExtend)
    {
        var models = string.Join("; ", catalog.Models.Select(m => m.Summary is null ? m.Name : $"{m.Name} ({m.Summary})"));
        var highRes = catalog.Models.Where(m => m.Resolutions.Contains(VideoResolutions.P1080)).Select(m => m.Name);
        var assets = catalog.Models.Where(m => m.SupportsAssetUrls).Select(m => m.Name);
        var media = $"Each item is an http(s) URL, or asset://<id> (only on {string.Join(" and ", assets)}). A local image may be given as an "
            + "absolute file path; it is uploaded first.";

        var properties = new JsonObject
        {
            ["prompt"] = Text("What the video shows: subject, action, camera movement, style. Required for text-to-video; optional when "
                + "image_urls, image_with_roles or video_urls are given. At most 4000 characters (about 500 is best); on "
                + "doubao-seedance-2.0-mini there is no hard limit but stay under about 500 CJK characters or 1000 English words."),
            ["model"] = Enum($"The model. {models}. Default doubao-seedance-2.0.", catalog.Names, SeedanceModels.Standard),
            ["duration"] = Integer($"Length in seconds, a whole number from {VideoDefaults.MinDuration} to {VideoDefaults.MaxDuration}. Default {VideoDefaults.Duration}.",
                VideoDefaults.MinDuration, VideoDefaults.MaxDuration, VideoDefaults.Duration),
            ["size"] = Enum("Aspect ratio: 16:9 landscape, 9:16 vertical (phones, reels, stories), 1:1 square, 4:3, 3:4, 21:9 ultra-wide, "
                + "adaptive (follow the input image or video). Default 16:9.", VideoSizes.All, VideoSizes.Landscape16x9),
            ["resolution"] = Enum($"Resolution: 480p, 720p, 1080p or 4k. 1080p and 4k only on {string.Join(" and ", highRes)}. Default 720p.",
                VideoResolutions.All, VideoResolutions.P720),
            ["seed"] = new JsonObject
            {
                ["type"] = "integer",
                ["minimum"] = VideoDefaults.MinSeed,
                ["maximum"] = VideoDefaults.MaxSeed,
                ["description"] = $"Random seed, a whole number from {VideoDefaults.MinSeed} to {VideoDefaults.MaxSeed}. The same seed gives similar "
                    + "(not identical) results. Omit for a random one.",
            },
            ["generate_audio"] = Bool("true for a video with sound (AI-generated audio: voices, music, effects). Default false.", false),
            ["return_last_frame"] = Bool("Also return the last frame as an image, so the clip can be continued with extend_video. Default true.", true),
        };

        if (forExtend)
        {
            return properties;
        }

        properties["tools"] = new JsonObject
        {
            ["type"] = "array",
            ["maxItems"] = 1,
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["type"] = Enum("The tool type; only web_search exists.", VideoTools.All, null) },
                ["required"] = new JsonArray("type"),
                ["additionalProperties"] = false,
            },
            ["description"] = "Optional extras. Only [{\"type\": \"web_search\"}] exists: lets generation consult the web.",
        };
        properties["image_urls"] = Urls($"Reference images, at most {VideoDefaults.MaxImageUrls}, e.g. a starting picture for image-to-video. {media} "
            + "Do not combine with image_with_roles.", VideoDefaults.MaxImageUrls);
        properties["image_with_roles"] = new JsonObject
        {
            ["type"] = "array",
            ["maxItems"] = VideoDefaults.MaxImageUrls,
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["url"] = Text($"The image. {media}"),
                    ["role"] = Enum("first_frame: the video starts on this image; last_frame: it ends on it; reference_image: a reference "
                        + "portrait (with asset:// URLs).", ImageRoles.All, null),
                },
                ["required"] = new JsonArray("url", "role"),
                ["additionalProperties"] = false,
            },
            ["description"] = "Images with a role, e.g. [{\"url\": \"https://…/day.jpg\", \"role\": \"first_frame\"}, {\"url\": \"https://…/night.jpg\", "
                + "\"role\": \"last_frame\"}]. Do not combine with image_urls. With a first_frame or last_frame image, video_urls and "
                + "audio_urls are not allowed.",
        };
        properties["video_urls"] = Urls($"Reference videos, at most {VideoDefaults.MaxVideoUrls}, total length over 1.8 s and under 15.2 s, each "
            + $"480p to 720p, no real people. Each item is an http(s) URL or asset://<id> (only on {string.Join(" and ", assets)}); local "
            + "video files cannot be uploaded. Not allowed with a first_frame or last_frame image.", VideoDefaults.MaxVideoUrls);
        properties["audio_urls"] = Urls($"Reference audio clips, at most {VideoDefaults.MaxAudioUrls}, total at most 15 s. Needs at least one image "
            + $"(image_urls or image_with_roles) or video (video_urls) beside it. Each item is an http(s) URL or asset://<id> (only on "
            + $"{string.Join(" and ", assets)}). Not allowed with a first_frame or last_frame image.", VideoDefaults.MaxAudioUrls);
        properties["wait"] = WaitProperty();
        return properties;
    }

    private static JsonObject ExtendProperties(ModelCatalog catalog)
    {
        var inherited = GenerateProperties(catalog, forExtend: true);
        var properties = new JsonObject
        {
            ["task_id"] = Text("The task_id of the finished clip to continue (it must have succeeded with a last frame)."),
            ["prompt"] = Text("What happens next in the continued clip. At most 4000 characters."),
        };
        foreach (var name in (string[])["model", "duration", "size", "resolution", "generate_audio", "seed"])
        {
            var copy = inherited[name]!.DeepClone().AsObject();
            if (name is "model" or "size" or "resolution" or "generate_audio")
            {
                var text = copy["description"]!.GetValue<string>();
                copy["description"] = text[..text.LastIndexOf(" Default", StringComparison.Ordinal)] + " Default: the previous clip's value.";
                copy.Remove("default");
            }

            properties[name] = copy;
        }

        properties["wait"] = WaitProperty();
        return properties;
    }

    private static JsonObject WaitProperty() => Integer(
        $"Seconds to wait for the video before returning, 0 to {SeedanceAgentOptions.MaxWaitSeconds}. Returns as soon as the task ends. Default 0.",
        0, SeedanceAgentOptions.MaxWaitSeconds, 0);

    private static JsonElement Schema(JsonObject properties, string[] required)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray());
        }

        return JsonSerializer.SerializeToElement(schema, Serialization.AgentsJsonContext.Default.JsonNode);
    }

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject Bool(string description, bool value) => new() { ["type"] = "boolean", ["default"] = value, ["description"] = description };

    private static JsonObject Integer(string description, long min, long max, long? value)
    {
        var node = new JsonObject { ["type"] = "integer", ["minimum"] = min, ["maximum"] = max, ["description"] = description };
        if (value is not null)
        {
            node["default"] = value.Value;
        }

        return node;
    }

    private static JsonObject Enum(string description, IEnumerable<string> values, string? value)
    {
        var node = new JsonObject
        {
            ["type"] = "string",
            ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()),
            ["description"] = description,
        };
        if (value is not null)
        {
            node["default"] = value;
        }

        return node;
    }

    private static JsonObject Urls(string description, int maxItems) => new()
    {
        ["type"] = "array",
        ["items"] = new JsonObject { ["type"] = "string" },
        ["maxItems"] = maxItems,
        ["description"] = description,
    };

    private static JsonElement TaskReportSchema()
    {
        JsonObject P(string type, string description) => new() { ["type"] = type, ["description"] = description };
        var properties = new JsonObject
        {
            ["task_id"] = P("string", "The task id."),
            ["status"] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray("submitting", "unconfirmed", "queued", "running", "succeeded", "failed", "cancelled"),
                ["description"] = "Where the task stands.",
            },
            ["done"] = P("boolean", "True once the task can no longer change."),
            ["progress"] = P("integer", "Progress 0-100."),
            ["provider_status"] = P("string", "The provider's own status word."),
            ["model"] = P("string", "The model used."),
            ["prompt"] = P("string", "The prompt used."),
            ["video_url"] = P("string", "The video link (expires 24 h after completion)."),
            ["video_expires_at"] = P("string", "When the links expire (ISO 8601)."),
            ["last_frame_url"] = P("string", "The last frame's link."),
            ["local_video_path"] = P("string", "The downloaded video on this machine."),
            ["local_last_frame_path"] = P("string", "The downloaded last frame on this machine."),
            ["download_error"] = P("string", "Why the download failed."),
            ["cost_usd"] = P("number", "The cost in USD."),
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["code"] = P("string", "The provider's code."), ["message"] = P("string", "The provider's reason.") },
                ["description"] = "Why the task failed.",
            },
            ["parent_task_id"] = P("string", "The clip this one continues."),
            ["created_at"] = P("string", "When the task was submitted (ISO 8601)."),
            ["warnings"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = "Advice that did not block the request." },
            ["next_step"] = P("string", "What to do next."),
        };
        return JsonSerializer.SerializeToElement(new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray("task_id", "status", "done", "next_step"),
        }, Serialization.AgentsJsonContext.Default.JsonNode);
    }

    private static JsonElement ListSchema(JsonElement report) => JsonSerializer.SerializeToElement(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["tasks"] = new JsonObject { ["type"] = "array", ["items"] = JsonNode.Parse(report.GetRawText()) },
            ["count"] = new JsonObject { ["type"] = "integer", ["description"] = "How many tasks are listed." },
            ["journal_path"] = new JsonObject { ["type"] = "string", ["description"] = "Where the journal lives." },
            ["next_step"] = new JsonObject { ["type"] = "string", ["description"] = "What to do next." },
        },
        ["required"] = new JsonArray("tasks", "count", "next_step"),
    }, Serialization.AgentsJsonContext.Default.JsonNode);
}
