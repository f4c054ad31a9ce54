using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Client.Tests.Validation;

public sealed class RequestRulesTests
{
    [Fact]
    public void All_HoldsR1ToRnExactlyOnceInOrder_AtLeastTheDesignsEighteen()
    {
        var expected = Enumerable.Range(1, RequestRules.All.Count).Select(i => $"R{i}");

        Assert.Equal(expected, RequestRules.All.Select(r => r.Id));
        Assert.True(RequestRules.All.Count >= 18, $"{RequestRules.All.Count} rules");
    }

    [Fact]
    public void All_StatesTheRuleOfEveryCatalogueRow() =>
        Assert.All(RequestFields.All.Concat(RequestFields.All.SelectMany(f => f.Items?.Fields ?? [])),
            field => Assert.Contains(RequestRules.All, rule => rule.Id == field.Rule));

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
