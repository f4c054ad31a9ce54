namespace Seedance.Agents.Results;

/// <summary>One broken rule, as the model sees it.</summary>
/// <param name="Parameter">The argument path, e.g. <c>image_with_roles[1].role</c>.</param>
/// <param name="Given">The value given.</param>
/// <param name="Allowed">What is accepted.</param>
/// <param name="Problem">What is wrong.</param>
public sealed record ViolationReport(string Parameter, string? Given, string Allowed, string Problem);
