using Seedance.Agents.Parameters;
using Seedance.Client;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Agents.Media;

/// <summary>
/// Finds the local image paths in a request, checks them (confinement, type) without sending anything, and uploads them
/// once the whole request is valid, swapping each path for the provider's URL. Local video and audio are refused: the
/// provider uploads images only.
/// </summary>
internal sealed class LocalImageInputs
{
    // Stands in for a local image during validation, so the URL rule does not report a path already judged here.
    private const string Placeholder = "https://local-file.invalid/placeholder.png";

    private readonly LocalImageResolver _resolver;
    private readonly SeedanceClient _client;

    public LocalImageInputs(LocalImageResolver resolver, SeedanceClient client)
    {
        _resolver = resolver;
        _client = client;
    }

    /// <summary>
    /// The request ready for validation (local images replaced by a placeholder URL) and the files to upload by parameter
    /// path; every refused path is added to <paramref name="arguments"/>.
    /// </summary>
    public (VideoGenerationRequest Request, IReadOnlyDictionary<string, string> Uploads) Check(VideoGenerationRequest request, ToolArguments arguments)
    {
        var uploads = new Dictionary<string, string>(StringComparer.Ordinal);

        string CheckImage(string parameter, string? value)
        {
            if (!LocalImageResolver.LooksLocal(value))
            {
                return value!;
            }

            var (path, problem) = _resolver.Check(parameter, value!);
            if (problem is not null)
            {
                arguments.Add(problem);
            }
            else
            {
                uploads[parameter] = path!;
            }

            return Placeholder;
        }

        RefuseLocalMedia("video_urls", request.VideoUrls, arguments);
        RefuseLocalMedia("audio_urls", request.AudioUrls, arguments);
        var checkedRequest = request with
        {
            ImageUrls = request.ImageUrls?.Select((url, i) => CheckImage($"image_urls[{i}]", url)).ToArray(),
            ImageWithRoles = request.ImageWithRoles?.Select((item, i) => item with { Url = item.Url is null ? null : CheckImage($"image_with_roles[{i}].url", item.Url) }).ToArray(),
        };
        return (checkedRequest, uploads);
    }

    /// <summary>Uploads the checked files and puts their URLs into the request.</summary>
    public async Task<VideoGenerationRequest> UploadAsync(VideoGenerationRequest request, IReadOnlyDictionary<string, string> uploads,
        DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (uploads.Count == 0)
        {
            return request;
        }

        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (parameter, path) in uploads)
        {
            urls[parameter] = (await _client.UploadImageFileAsync(path, deadline, cancellationToken)).Url;
        }

        string Swap(string parameter, string? url) => urls.TryGetValue(parameter, out var uploaded) ? uploaded : url!;
        return request with
        {
            ImageUrls = request.ImageUrls?.Select((url, i) => Swap($"image_urls[{i}]", url)).ToArray(),
            ImageWithRoles = request.ImageWithRoles?.Select((item, i) => item with { Url = Swap($"image_with_roles[{i}].url", item.Url) }).ToArray(),
        };
    }

    private static void RefuseLocalMedia(string name, IReadOnlyList<string>? urls, ToolArguments arguments)
    {
        for (var i = 0; i < (urls?.Count ?? 0); i++)
        {
            if (LocalImageResolver.LooksLocal(urls![i]))
            {
                arguments.Add(new Violation(RequestRules.MediaUrls, $"{name}[{i}]", urls[i], "an http(s) URL or asset://<id>",
                    "local video and audio files cannot be uploaded (the provider only uploads images); host the file and pass its URL"));
            }
        }
    }
}
