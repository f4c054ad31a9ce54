using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Polling;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;
using Seedance.Client.Validation;
using Seedance.Sandbox;

// Quickstart: generate a clip, watch it render, download it, then extend it from its last frame.
// With no SEEDANCE_API_KEY set it runs against the in-process sandbox: no key, no network, no cost.
var useSandbox = args.Contains("--sandbox") || string.IsNullOrWhiteSpace(SeedanceEnvironment.FromEnvironment().ApiKey);
var paid = args.Contains("--paid");
var prompt = args.SkipWhile(a => a != "--prompt").Skip(1).FirstOrDefault() ?? "a kitten yawns at the camera, soft morning light";
var outputDir = Path.GetFullPath(Environment.GetEnvironmentVariable("SEEDANCE_OUTPUT_DIR") ?? Path.Combine("output", "quickstart"));

await using var sandbox = useSandbox ? await SeedanceSandbox.StartAsync(new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(6) }) : null;
SeedanceClientOptions options;
if (sandbox is not null)
{
    Console.WriteLine($"No SEEDANCE_API_KEY set: using the local sandbox at {sandbox.BaseUrl} (no network, no cost).");
    options = new SeedanceClientOptions { ApiKey = sandbox.ApiKey, BaseUrl = sandbox.BaseUrl };
    options.Polling.InitialDelay = TimeSpan.FromSeconds(1);
    options.Polling.MinInterval = TimeSpan.FromSeconds(1);
}
else
{
    options = SeedanceEnvironment.FromEnvironment();
    if (!paid)
    {
        Console.Error.WriteLine("SEEDANCE_API_KEY is set, so this would make two real, paid videos at " + options.BaseUrl + ".");
        Console.Error.WriteLine("Run again with --paid to go ahead, or with --sandbox to stay local.");
        return 2;
    }
}

var client = SeedanceClient.Create(options);
using var downloads = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
Directory.CreateDirectory(outputDir);

try
{
    var first = await GenerateAsync(new VideoGenerationRequest
    {
        Prompt = prompt,
        Duration = 5,
        Size = VideoSizes.Landscape16x9,
        ReturnLastFrame = true,
    });

    Console.WriteLine();
    Console.WriteLine("Extending the clip from its last frame…");
    var second = await GenerateAsync(new VideoGenerationRequest
    {
        Prompt = "the kitten stands up and walks towards the camera",
        Duration = 5,
        Size = VideoSizes.Landscape16x9,
        ImageWithRoles = [new ImageWithRole { Url = first.LastFrameUrl, Role = ImageRoles.FirstFrame }],
        ReturnLastFrame = true,
    });

    Console.WriteLine();
    Console.WriteLine($"Done. Videos in {outputDir}");
    return 0;
}
catch (SeedanceValidationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
catch (SeedanceApiException ex)
{
    Console.Error.WriteLine($"{ex.Kind}: {ex.Message}");
    return 1;
}

async Task<SeedanceTask> GenerateAsync(VideoGenerationRequest request)
{
    var submitted = await client.SubmitAsync(request);
    Console.WriteLine($"Submitted {submitted.TaskId} ({request.Duration} s, {request.Size}, {request.Resolution}).");
    var progress = new Progress<SeedanceTask>(t =>
        Console.WriteLine($"  {t.TaskIdShort()}  {t.RawStatus,-10} {t.Progress ?? 0,3}%"));
    var task = await client.WaitForCompletionAsync(submitted.TaskId, new WaitOptions { SubmittedAt = submitted.SubmittedAt }, progress);
    if (task.State != SeedanceTaskState.Succeeded || task.VideoUrl is null)
    {
        throw new SeedanceApiException(SeedanceErrorKind.Unknown,
            $"Task {task.Id} ended {task.RawStatus}: {task.Error?.Message ?? "no video"}");
    }

    var video = Path.Combine(outputDir, task.Id + ".mp4");
    await DownloadAsync(task.VideoUrl, video);
    Console.WriteLine($"Video: {video}");
    Console.WriteLine($"Link:  {task.VideoUrl} (expires {task.ExpiresAt:u})");
    if (task.LastFrameUrl is not null)
    {
        var frame = Path.Combine(outputDir, task.Id + ".last-frame.png");
        await DownloadAsync(task.LastFrameUrl, frame);
        Console.WriteLine($"Last frame: {frame}");
    }

    return task;
}

async Task DownloadAsync(string url, string path)
{
    var temporary = path + ".part";
    await using (var source = await downloads.GetStreamAsync(new Uri(url)))
    await using (var target = File.Create(temporary))
    {
        await source.CopyToAsync(target);
    }

    File.Move(temporary, path, overwrite: true);
}

internal static class TaskText
{
    public static string TaskIdShort(this SeedanceTask task) => task.Id.Length > 14 ? task.Id[..14] + "…" : task.Id;
}
