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
    public void Parse_TextForm(string text, FaultKind kind, FaultEndpoint endpoint, double? argument, int count) =>
        Assert.Equal(new FaultRule(kind, endpoint, argument, count), FaultRule.Parse(text));

    [Theory]
    [InlineData("explode", "unknown kind")]
    [InlineData("moon/500", "unknown endpoint")]
    [InlineData("500*0", "positive integer")]
    [InlineData("429:-1", "non-negative")]
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
}
