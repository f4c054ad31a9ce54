using Seedance.Sandbox.Faults;

namespace Seedance.Sandbox.Tests;

public sealed class FaultRuleTests
{
    [Theory]
    [InlineData("429", FaultKind.RateLimit, FaultEndpoint.Any, null, 1)]
    [InlineData("status/429:2*3", FaultKind.RateLimit, FaultEndpoint.Status, 2.0, 3)]
    [InlineData("submit/drop", FaultKind.Drop, FaultEndpoint.Submit, null, 1)]
    [InlineData("latency:1500", FaultKind.Latency, FaultEndpoint.Any, 1500.0, 1)]
    [InlineData("Balance/502*2", FaultKind.BadGateway, FaultEndpoint.Balance, null, 2)]
    [InlineData("estimate:10", FaultKind.EstimateSkew, FaultEndpoint.Any, 10.0, 1)]
    [InlineData("echo-key", FaultKind.EchoKey, FaultEndpoint.Any, null, 1)]
    [InlineData("status/echo-key:401", FaultKind.EchoKey, FaultEndpoint.Status, 401.0, 1)]
    [InlineData("files/throttle:262144", FaultKind.Throttle, FaultEndpoint.Files, 262144.0, 1)]
    [InlineData("files/stall*2", FaultKind.Stall, FaultEndpoint.Files, null, 2)]
    [InlineData("files/html", FaultKind.Html, FaultEndpoint.Files, null, 1)]
    [InlineData("files/empty", FaultKind.Empty, FaultEndpoint.Files, null, 1)]
    [InlineData("files/redirect-file", FaultKind.RedirectFile, FaultEndpoint.Files, null, 1)]
    [InlineData("files/500", FaultKind.ServerError, FaultEndpoint.Files, null, 1)]
    public void Parse_TextForm(string text, FaultKind kind, FaultEndpoint endpoint, double? argument, int count) =>
        Assert.Equal(new FaultRule(kind, endpoint, argument, count), FaultRule.Parse(text));

    [Theory]
    [InlineData("explode", "unknown kind")]
    [InlineData("moon/500", "unknown endpoint")]
    [InlineData("500*0", "positive integer")]
    [InlineData("429:-1", "non-negative")]
    [InlineData("files/throttle", "bytes per second")]
    [InlineData("status/stall", "result files only")]
    public void Parse_Invalid_SaysWhat(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => FaultRule.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void Injector_CountsDownPerMatchingCall()
    {
        var injector = new FaultInjector();
        injector.Add("status/500*2,submit/drop");

        Assert.Empty(injector.Take(FaultEndpoint.Balance));
        Assert.Single(injector.Take(FaultEndpoint.Status));
        Assert.Single(injector.Take(FaultEndpoint.Status));
        Assert.Empty(injector.Take(FaultEndpoint.Status));
        Assert.Equal(1, injector.Pending);
        Assert.Equal(FaultKind.Drop, Assert.Single(injector.Take(FaultEndpoint.Submit)).Kind);
    }

    [Fact]
    public void Injector_SubmitOnlyKindsWaitForASubmit()
    {
        var injector = new FaultInjector();
        injector.Add("fail");

        Assert.Empty(injector.Take(FaultEndpoint.Status));
        Assert.Equal(FaultKind.FailTask, Assert.Single(injector.Take(FaultEndpoint.Submit)).Kind);
    }

    [Fact]
    public void Injector_FilesTakeOnlyTheirRulesAndFileKinds()
    {
        var injector = new FaultInjector();
        injector.Add("500,html,files/drop");

        Assert.Equal([FaultKind.Html, FaultKind.Drop], injector.Take(FaultEndpoint.Files).Select(r => r.Kind));
        Assert.Equal(FaultKind.ServerError, Assert.Single(injector.Take(FaultEndpoint.Status)).Kind);
        Assert.Equal(0, injector.Pending);
    }

    [Fact]
    public void Injector_EchoKeyNeverTakenByFiles()
    {
        var injector = new FaultInjector();
        injector.Add("echo-key");

        Assert.Empty(injector.Take(FaultEndpoint.Files));
        Assert.Single(injector.Take(FaultEndpoint.Balance));
    }
}
