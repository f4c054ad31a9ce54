using System.Globalization;
using System.Text;

namespace Seedance.Agents.Results;

/// <summary>The one-paragraph text a model reads beside each structured result.</summary>
internal static class ReportText
{
    public static string Describe(TaskReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Task {report.TaskId}: {report.Status}");
        if (report.Progress is { } progress && !report.Done)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({progress}%)");
        }

        text.Append('.');
        if (report.LocalVideoPath is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Video file: {report.LocalVideoPath}.");
        }

        if (report.VideoUrl is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Link: {report.VideoUrl}.");
        }

        if (report.LastFrameUrl is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Last frame: {report.LocalLastFramePath ?? report.LastFrameUrl}.");
        }

        if (report.CostUsd is { } cost)
        {
            text.Append(CultureInfo.InvariantCulture, $" Cost: ${cost}.");
        }

        if (report.Error is { } error)
        {
            text.Append(CultureInfo.InvariantCulture, $" Reason: {error.Message ?? error.Code}.");
        }

        if (report.DownloadError is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Download problem: {report.DownloadError}");
        }

        foreach (var warning in report.Warnings ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" Warning: {warning}.");
        }

        text.Append(" Next: ").Append(report.NextStep);
        return text.ToString();
    }

    public static string Describe(TaskListReport list)
    {
        if (list.Count == 0)
        {
            return "No tasks are recorded yet. " + list.NextStep;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{list.Count} recent task{(list.Count == 1 ? string.Empty : "s")}, newest first:");
        foreach (var task in list.Tasks)
        {
            text.Append(CultureInfo.InvariantCulture, $" {task.TaskId} ({task.Status}{(task.Progress is { } p && !task.Done ? $", {p}%" : string.Empty)}");
            if (task.Prompt is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", \"{Short(task.Prompt, 60)}\"");
            }

            if (task.LocalVideoPath is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", {task.LocalVideoPath}");
            }

            text.Append(");");
        }

        text.Append(" Next: ").Append(list.NextStep);
        return text.ToString();
    }

    public static string Describe(ToolError error)
    {
        var text = error.Error;
        if (error.Violations is { Count: > 0 } violations)
        {
            text += " " + string.Join(" ", violations.Select(v => $"{v.Parameter}: {v.Problem} (given: {v.Given ?? "nothing"}; allowed: {v.Allowed})."));
        }

        return text + " Next: " + error.NextStep;
    }

    public static string Ago(TimeSpan span) => span.TotalSeconds < 90
        ? $"{Math.Round(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
        : $"{Math.Round(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min";

    public static string? Short(string? text, int length = 80) =>
        text is null || text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
