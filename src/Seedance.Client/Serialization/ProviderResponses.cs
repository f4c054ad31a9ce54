using System.Text.Json;
using Seedance.Client.Balance;
using Seedance.Client.Tasks;
using Seedance.Client.Uploads;

namespace Seedance.Client.Serialization;

/// <summary>Reads the provider's documented response shapes, tolerating the variants seen in the wild.</summary>
internal static class ProviderResponses
{
    /// <summary>The task id of a submit answer: <c>data: [{task_id}]</c> or <c>data: {id}</c>.</summary>
    public static string? ReadSubmittedTaskId(JsonElement root)
    {
        var data = JsonRead.Property(root, "data") ?? root;
        if (data.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in data.EnumerateArray())
            {
                if (TaskIdOf(item) is { } id)
                {
                    return id;
                }
            }

            return null;
        }

        return TaskIdOf(data);
    }

    private static string? TaskIdOf(JsonElement item)
    {
        var id = JsonRead.String(item, "task_id") ?? JsonRead.String(item, "id");
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }

    /// <summary>The task snapshot of a status answer.</summary>
    public static SeedanceTask? ReadTask(JsonElement root, string requestedId)
    {
        var data = JsonRead.Property(root, "data") ?? root;
        if (data.ValueKind == JsonValueKind.Array)
        {
            data = data.EnumerateArray().FirstOrDefault();
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var status = JsonRead.String(data, "status");
        var result = JsonRead.Property(data, "result");
        var videos = result is { } r ? JsonRead.Property(r, "videos") : null;

        var urls = new List<string>();
        DateTimeOffset? expires = null;
        if (videos is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var video in list.EnumerateArray())
            {
                urls.AddRange(video.ValueKind == JsonValueKind.Object ? JsonRead.Urls(JsonRead.Property(video, "url")) : JsonRead.Urls(video));
                expires ??= JsonRead.UnixTime(video, "expires_at");
            }
        }
        else if (videos is { } single)
        {
            urls.AddRange(JsonRead.Urls(single));
        }

        // Only web links are results: a javascript: or data: "link" must never reach the user as one.
        var dropped = urls.Where(u => !IsWebLink(u)).ToList();
        urls.RemoveAll(u => !IsWebLink(u));
        var lastFrame = FindLastFrame(result, data);
        if (lastFrame is not null && !IsWebLink(lastFrame))
        {
            dropped.Add(lastFrame);
            lastFrame = null;
        }

        expires ??= result is { } res ? JsonRead.UnixTime(res, "expires_at") : null;
        expires ??= JsonRead.UnixTime(data, "expires_at");

        var progress = JsonRead.Integer(data, "progress");

        return new SeedanceTask
        {
            Id = NonEmpty(JsonRead.String(data, "id")) ?? NonEmpty(JsonRead.String(data, "task_id")) ?? requestedId,
            State = NormalizeStatus(status),
            RawStatus = status,
            Progress = progress is { } p ? (int)Math.Clamp(p, 0, 100) : null,
            EstimatedTime = JsonRead.Seconds(data, "estimated_time"),
            ActualTime = JsonRead.Seconds(data, "actual_time"),
            VideoUrls = urls,
            ExpiresAt = expires,
            LastFrameUrl = lastFrame,
            DroppedLinks = dropped.Select(SchemeOf).ToArray(),
            Cost = JsonRead.Decimal(data, "cost"),
            CreditsCost = JsonRead.Decimal(data, "credits_cost"),
            Error = ReadTaskError(data),
            CreatedAt = JsonRead.UnixTime(data, "created"),
            CompletedAt = JsonRead.UnixTime(data, "completed"),
            Raw = data.Clone(),
        };
    }

    /// <summary>True for an absolute http(s) URL.</summary>
    public static bool IsWebLink(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    // What a dropped link was, without the link itself: its scheme ("javascript:"), short.
    private static string SchemeOf(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon is > 0 and <= 20 ? url[..colon].Trim() : "not a URL";
        return scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? scheme.ToLowerInvariant() + (colon > 0 ? ":" : string.Empty) : "not a URL";
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Maps the provider's status words; anything unknown is still running.</summary>
    public static SeedanceTaskState NormalizeStatus(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "SUBMITTED" or "PENDING" or "QUEUED" => SeedanceTaskState.Queued,
        "COMPLETED" or "SUCCEEDED" or "SUCCESS" => SeedanceTaskState.Succeeded,
        "FAILED" or "FAILURE" or "ERROR" => SeedanceTaskState.Failed,
        "CANCELLED" or "CANCELED" => SeedanceTaskState.Cancelled,
        _ => SeedanceTaskState.Running,
    };

    // The provider publishes no example of the last-frame field, so look where it is likely to be, in order.
    private static string? FindLastFrame(JsonElement? result, JsonElement data)
    {
        if (result is { } r)
        {
            foreach (var name in (string[])["last_frame_url", "last_frame_urls"])
            {
                if (JsonRead.Urls(JsonRead.Property(r, name)) is [var first, ..])
                {
                    return first;
                }
            }

            if (JsonRead.Urls(JsonRead.Property(r, "images")) is [var image, ..])
            {
                return image;
            }
        }

        return (result is { } res ? FindLastFrameByName(res) : null) ?? FindLastFrameByName(data);
    }

    private static string? FindLastFrameByName(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name.Replace("_", string.Empty, StringComparison.Ordinal)
                .Replace("-", string.Empty, StringComparison.Ordinal);
            if (name.Contains("lastframe", StringComparison.OrdinalIgnoreCase)
                && JsonRead.Urls(property.Value) is [var url, ..])
            {
                return url;
            }
        }

        return null;
    }

    private static SeedanceTaskError? ReadTaskError(JsonElement data)
    {
        if (JsonRead.Property(data, "error") is not { } error)
        {
            return null;
        }

        if (error.ValueKind == JsonValueKind.String)
        {
            return new SeedanceTaskError(null, error.GetString(), null);
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var parsed = new SeedanceTaskError(JsonRead.String(error, "code"), JsonRead.String(error, "message"), JsonRead.String(error, "type"));
        return parsed is { Code: null, Message: null, Type: null } ? null : parsed;
    }

    /// <summary>The <c>error</c> envelope: type, code and message, whichever are present.</summary>
    public static (string? Type, string? Code, string? Message) ReadError(JsonElement root)
    {
        if (JsonRead.Property(root, "error") is { ValueKind: JsonValueKind.Object } error)
        {
            return (JsonRead.String(error, "type"), JsonRead.String(error, "code"), JsonRead.String(error, "message"));
        }

        return (JsonRead.String(root, "type"), JsonRead.String(root, "code"), JsonRead.String(root, "message"));
    }

    public static AccountBalance? ReadBalance(JsonElement root)
    {
        var data = JsonRead.Property(root, "data") is { ValueKind: JsonValueKind.Object } d ? d : root;
        if (JsonRead.Decimal(data, "remain_balance") is not { } remaining)
        {
            return null;
        }

        return new AccountBalance(
            remaining,
            JsonRead.Decimal(data, "used_balance"),
            JsonRead.Property(data, "unlimited_quota") is { ValueKind: JsonValueKind.True });
    }

    public static UploadedImage? ReadUpload(JsonElement root)
    {
        var data = JsonRead.Property(root, "data") is { ValueKind: JsonValueKind.Object } d ? d : root;
        var url = JsonRead.String(data, "url");
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        return new UploadedImage(
            url,
            JsonRead.String(data, "filename"),
            JsonRead.String(data, "content_type"),
            JsonRead.Integer(data, "bytes"),
            JsonRead.UnixTime(data, "created_at"));
    }
}
