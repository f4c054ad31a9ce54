using System.Net;
using System.Text;
using Seedance.Client.Errors;
using Seedance.Client.Polling;
using Seedance.Client.Requests;
using Seedance.Client.Security;
using Seedance.Client.Tests.Infrastructure;

namespace Seedance.Client.Tests.Security;

/// <summary>Provider text that echoes the Authorization header never carries the key any further.</summary>
public sealed class RedactionTests
{
    private const string Key = TestClients.ApiKey;
    private static readonly string Echo = $"Invalid header Authorization: Bearer {Key} (request rejected)";
    private static readonly VideoGenerationRequest Request = new() { Prompt = "a cat surfing" };

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "invalid_request_error")]
    [InlineData(HttpStatusCode.Unauthorized, "authentication_error")]
    [InlineData(HttpStatusCode.InternalServerError, "server_error")]
    public async Task ErrorBodyEchoingTheKey_KeyInNoExceptionTextOrLog(HttpStatusCode status, string type)
    {
        var handler = new StubHandler().Otherwise(status, ProviderBodies.Error((int)status, type, Echo));
        var logger = new CapturingLogger<SeedanceClient>();
        var client = SeedanceClient.Create(TestClients.Options(o => o.ReadRetries = 0), innerHandler: handler, logger: logger);

        var read = await Assert.ThrowsAsync<SeedanceApiException>(() => client.GetTaskAsync("task_1"));
        var submit = await Assert.ThrowsAsync<SeedanceApiException>(() => client.SubmitAsync(Request));

        foreach (var ex in new[] { read, submit })
        {
            Assert.DoesNotContain(Key, ex.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Key, ex.ProviderMessage, StringComparison.Ordinal);
            Assert.Contains("Bearer [redacted]", ex.ProviderMessage, StringComparison.Ordinal);
        }

        Assert.Contains("Bearer [redacted]", submit.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, logger.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedTaskEchoingTheKey_KeyInNoTaskFieldNorRawJson()
    {
        var body = """{"code":200,"data":{"id":"task_1","status":"failed","progress":40,"error":{"code":"KEY","message":"upstream said: authorization: BEARER KEY","type":"Bearer KEY"},"debug":{"headers":["Authorization: Bearer KEY"]}}}"""
            .Replace("KEY", Key, StringComparison.Ordinal);
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, body);
        var logger = new CapturingLogger<SeedanceClient>();
        var client = SeedanceClient.Create(TestClients.Options(), innerHandler: handler, logger: logger);

        var task = await client.WaitForCompletionAsync("task_1", new WaitOptions());

        Assert.Equal(Seedance.Client.Tasks.SeedanceTaskState.Failed, task.State);
        Assert.Equal("[redacted]", task.Error?.Code);
        Assert.Equal("upstream said: authorization: BEARER [redacted]", task.Error?.Message);
        Assert.Equal("Bearer [redacted]", task.Error?.Type);
        Assert.DoesNotContain(Key, task.Raw.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, task.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, logger.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BalanceRefusalEchoingAToken_Redacted()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, """{"success":false,"message":"token Bearer abc.def-123 is not valid"}""");

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).GetBalanceAsync());

        Assert.DoesNotContain("abc.def-123", ex.Message, StringComparison.Ordinal);
        Assert.Equal("token Bearer [redacted] is not valid", ex.ProviderMessage);
    }

    [Fact]
    public void RedactBody_EscapedJson_CaughtAfterDecoding()
    {
        var redactor = new SecretRedactor(Key);
        var escaped = "{\"error\":{\"message\":\"\\u0042earer " + Key.Replace("-", "\\u002d", StringComparison.Ordinal) + "\"}}";

        var text = Encoding.UTF8.GetString(redactor.RedactBody(Encoding.UTF8.GetBytes(escaped)));

        Assert.Contains("Bearer [redacted]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RedactBody_ShortKeyInJson_StructureSurvives()
    {
        // A key that happens to spell JSON syntax must not break the document: only string values are touched.
        var redactor = new SecretRedactor("data");
        var body = """{"code":200,"data":{"id":"task_1","note":"data"}}"""u8.ToArray();

        var text = Encoding.UTF8.GetString(redactor.RedactBody(body));

        Assert.Equal("""{"code":200,"data":{"id":"task_1","note":"[redacted]"}}""", text);
    }

    [Fact]
    public void RedactBody_NothingSecret_SameArray()
    {
        var body = """{"code":200,"data":{"id":"task_1"}}"""u8.ToArray();

        Assert.Same(body, new SecretRedactor(Key).RedactBody(body));
    }

    [Fact]
    public void RedactBody_HtmlPage_RedactedAsText()
    {
        var body = Encoding.UTF8.GetBytes($"<html><body>Authorization: Bearer {Key}</body></html>");

        var text = Encoding.UTF8.GetString(new SecretRedactor(Key).RedactBody(body));

        Assert.Equal("<html><body>Authorization: Bearer [redacted]</body></html>", text);
    }

    [Theory]
    [InlineData("authorization: bearer tok_123", "authorization: bearer [redacted]")]
    [InlineData("BEARER\tx.y.z, next", "BEARER\t[redacted], next")]
    [InlineData("no secrets here", "no secrets here")]
    [InlineData("the key sk-test-SECRET-0123456789abcdef alone", "the key [redacted] alone")]
    public void Redact_Text(string text, string expected) => Assert.Equal(expected, new SecretRedactor(Key).Redact(text));
}
