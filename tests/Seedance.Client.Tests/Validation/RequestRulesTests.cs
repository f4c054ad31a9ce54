using Seedance.Client.Validation;

namespace Seedance.Client.Tests.Validation;

public sealed class RequestRulesTests
{
    [Fact]
    public void All_HoldsR1ToR18ExactlyOnceInOrder()
    {
        var expected = Enumerable.Range(1, 18).Select(i => $"R{i}");

        Assert.Equal(expected, RequestRules.All.Select(r => r.Id));
    }

    [Fact]
    public void All_EveryRuleHasItsText() =>
        Assert.All(RequestRules.All, rule => Assert.False(string.IsNullOrWhiteSpace(rule.Summary), rule.Id));

    [Fact]
    public void Validate_ViolationRules_AreCatalogueIds()
    {
        var result = new RequestValidator().Validate(new() { Prompt = "a cat", Model = "nope", Duration = 99, Size = "5:5" });

        Assert.Equal([RequestRules.Model, RequestRules.Duration, RequestRules.Size],
            result.Violations.Select(v => v.Rule).Distinct().Order(StringComparer.Ordinal));
    }
}
