using Seedance.Agents.Media;
using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Agents.Tasks;
using Seedance.Client;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Agents.Tools;

/// <summary>generate_video: validates every argument, clears the price, uploads local images, submits with the journal, optionally waits.</summary>
internal sealed class GenerateVideoTool : ISeedanceTool
{
    private readonly SeedanceClient _client;
    private readonly LocalImageInputs _images;
    private readonly GenerationStarter _starter;

    public GenerateVideoTool(SeedanceClient client, LocalImageInputs images, GenerationStarter starter)
    {
        _client = client;
        _images = images;
        _starter = starter;
    }

    public ParameterTable Parameters => ToolParameters.Generate;

    public bool ChecksRequest => true;

    public string Name => ToolNames.GenerateVideo;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.GenerateVideo,
        Title = "Generate a video (Seedance 2.0)",
        Description =
            "Start a new video with ByteDance Seedance 2.0: text-to-video, image-to-video (first/last frame), or guided by "
            + "reference images, videos and audio. Each call starts one PAID generation job. Rendering takes about 1 to 5 "
            + "minutes, so the call returns a task_id at once (or after `wait` seconds); then call check_task with that "
            + "task_id and wait=50 (without wait it answers at once) until status is succeeded, which gives the video link and the downloaded file. Never call "
            + "generate_video again to retry a task that is still running: that pays twice. Arguments are the provider's "
            + "request fields. Bad arguments are refused before anything is sent, with every problem listed. " + SpendWords.PaidCall(catalog, withPrices: true),
        InputSchema = ParameterSchema.Write(ToolParameters.Generate, catalog),
        OutputSchema = OutputSchemas.PaidCall,
        OpenWorld = true,
        Paid = true,
    };

    public async Task<ToolOutcome> InvokeAsync(ToolArguments read, ToolCall call)
    {
        var cancellationToken = call.CancellationToken;
        var request = Parameters.ToRequest(read, new VideoGenerationRequest());
        var wait = read.Number(ToolParameters.Wait);

        var (checkedRequest, uploads) = _images.Check(request, read);
        var validation = _client.Validator.Validate(checkedRequest);
        var violations = read.Violations.Concat(validation.Violations).ToArray();
        if (violations.Length > 0)
        {
            throw ToolErrorException.InvalidArguments(Name, violations);
        }

        if (read.Flag(ToolParameters.DryRun))
        {
            // Local images are not uploaded by a dry run: the body shows a placeholder where each one's URL will go.
            var notes = uploads.Select(u => $"{u.Key}: the local file {u.Value} is uploaded first; its URL replaces the placeholder in the body");
            return ToolOutcomes.Success(await _starter.PreviewAsync(Name, checkedRequest, validation.Warnings, notes, cancellationToken));
        }

        // Local images are uploaded only once the call is cleared (price confirmed, budget kept): a declined call sends nothing.
        return ToolOutcomes.Success(await _starter.StartAsync(Name, checkedRequest, parentTaskId: null, validation.Warnings, wait, call,
            confirmQuote: read.Text(ToolParameters.ConfirmQuote),
            beforeSend: uploads.Count == 0 ? null : (cleared, deadline) => _images.UploadAsync(cleared, uploads, deadline, cancellationToken),
            localFiles: uploads.Select(u => $"{u.Key}={u.Value}")));
    }
}
