using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Seedance.Client.Errors;
using Seedance.Client.Tests.Infrastructure;

namespace Seedance.Client.Tests.Serialization;

/// <summary>Generated provider answers, plausible and broken: the client returns a snapshot or a SeedanceApiException, nothing else.</summary>
public sealed class ResponsePropertyTests
{
    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Gen.Const<JsonNode?>(() => null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null),
        Gen.String[0, 10].Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.OneOf("completed", "failed", "processing", "pending", "cancelled", "weird", "0.1", "1765087446", "https://x.test/v.mp4")
            .Select(s => (JsonNode?)JsonValue.Create(s)));

    private static readonly Gen<JsonNode?> UrlValue = Gen.OneOf(
        Scalar,
        Scalar.Array[0, 3].Select(a => (JsonNode?)new JsonArray(a.Select(x => x?.DeepClone()).ToArray())),
        Scalar.Select(s => (JsonNode?)new JsonObject { ["url"] = s?.DeepClone() }));

    private static readonly Gen<JsonNode?> Video = Gen.Select(UrlValue, Scalar, (url, expires) => (JsonNode?)new JsonObject { ["url"] = url?.DeepClone(), ["expires_at"] = expires?.DeepClone() });

    private static readonly Gen<JsonNode?> Result = Gen.OneOf(
        Scalar,
        Gen.Select(Video.Array[0, 2], UrlValue, UrlValue, (videos, frame, images) => (JsonNode?)new JsonObject
        {
            ["videos"] = new JsonArray(videos.Select(v => v?.DeepClone()).ToArray()),
            ["last_frame_url"] = frame?.DeepClone(),
            ["images"] = images?.DeepClone(),
        }));

    private static readonly Gen<JsonNode?> Error = Gen.OneOf(Scalar, Gen.Select(Scalar, Scalar, Scalar, (c, m, t) =>
        (JsonNode?)new JsonObject { ["code"] = c?.DeepClone(), ["message"] = m?.DeepClone(), ["type"] = t?.DeepClone() }));

    private static readonly Gen<JsonNode?> Data = Gen.OneOf(
        Scalar,
        Gen.Select(Gen.Select(Scalar, Scalar, Scalar, Scalar), Gen.Select(Result, Error, Scalar, Scalar), (a, b) => (JsonNode?)new JsonObject
        {
            ["id"] = a.Item1?.DeepClone(),
            ["status"] = a.Item2?.DeepClone(),
            ["progress"] = a.Item3?.DeepClone(),
            ["estimated_time"] = a.Item4?.DeepClone(),
            ["result"] = b.Item1?.DeepClone(),
            ["error"] = b.Item2?.DeepClone(),
            ["cost"] = b.Item3?.DeepClone(),
            ["created"] = b.Item4?.DeepClone(),
        }));

    private static readonly Gen<string> Body = Gen.OneOf(
        Gen.Select(Data, Scalar, (data, code) => new JsonObject { ["code"] = code?.DeepClone(), ["data"] = data?.DeepClone() }.ToJsonString()),
        Gen.Select(Data, d => new JsonObject { ["data"] = new JsonArray(d?.DeepClone()) }.ToJsonString()),
        Gen.String[0, 40],
        Gen.Select(Data, Gen.Int[0, 60], (d, cut) => { var text = new JsonObject { ["data"] = d?.DeepClone() }.ToJsonString(); return text[..Math.Min(cut, text.Length)]; }));

    private static readonly Gen<HttpStatusCode> Status = Gen.OneOf(200, 200, 200, 400, 401, 404, 429, 500, 502).Select(s => (HttpStatusCode)s);

    [Fact]
    public async Task GetTaskAsync_AnyAnswer_SnapshotOrSeedanceApiException()
    {
        await Gen.Select(Body, Status).SampleAsync(async (body, status) =>
        {
            var handler = new StubHandler().Otherwise(_ => Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            }));
            var client = TestClients.Create(handler, edit: o => o.ReadRetries = 0);

            try
            {
                var task = await client.GetTaskAsync("task_1");
                Assert.False(string.IsNullOrEmpty(task.Id));
                Assert.InRange(task.Progress ?? 0, 0, 100);
                Assert.All(task.VideoUrls, url => Assert.False(string.IsNullOrWhiteSpace(url)));
            }
            catch (SeedanceApiException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                Assert.DoesNotContain(TestClients.ApiKey, ex.ToString(), StringComparison.Ordinal);
            }
        }, iter: 1500, print: t => $"{t.Item2} {t.Item1}");
    }
}
