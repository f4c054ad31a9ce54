using System.ComponentModel;
namespace Seedance.Agents.Results;

/// <summary>One broken rule, as the model sees it.</summary>
/// <param name="Parameter">The argument path, e.g. <c>image_with_roles[1].role</c>.</param>
/// <param name="Given">The value given.</param>
/// <param name="Allowed">What is accepted.</param>
/// <param name="Problem">What is wrong.</param>
public sealed record ViolationReport(
    [property: Description("The argument path, e.g. image_with_roles[1].role.")] string Parameter,
    [property: Description("The value given.")] string? Given,
    [property: Description("What is accepted.")] string Allowed,
    [property: Description("What is wrong.")] string Problem);
