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

        if (report.EstimatedCostUsd is { } estimate)
        {
            text.Append(CultureInfo.InvariantCulture, $" Estimated cost: {Spending.CostEstimate.Money(estimate)} ({report.EstimateBasis}).");
        }
        else if (report.EstimateSource == Spending.EstimateSources.None)
        {
            text.Append(CultureInfo.InvariantCulture, $" Estimated cost: none ({report.EstimateBasis}).");
        }

        if (report.CostUsd is { } cost)
        {
            text.Append(CultureInfo.InvariantCulture, $" Charged: {Spending.CostEstimate.Money(cost)}.");
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
        if (list.Count == 0 && list.Sequences is not { Count: > 0 })
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

        foreach (var sequence in list.Sequences ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" Long video {sequence.SequenceId} ({sequence.Status}, {sequence.ShotsDone}/{sequence.ShotCount} shots");
            if (sequence.FilmPath is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", {sequence.FilmPath}");
            }

            text.Append("):");
            text.Append(string.Join(",", sequence.Shots.Select(s => $" shot {s.Shot} {s.Status}{(s.TaskId is null ? string.Empty : $" {s.TaskId}")}")));
            text.Append(';');
        }

        text.Append(" Next: ").Append(list.NextStep);
        return text.ToString();
    }

    public static string Describe(SequenceReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Long video {report.SequenceId}: {report.Status}, {report.Progress}% ({report.ShotsDone} of {report.ShotCount} shots done).");
        foreach (var shot in report.Shots)
        {
            text.Append(CultureInfo.InvariantCulture, $" Shot {shot.Shot}: {shot.Status}");
            if (shot.Progress is { } p && shot.Status is "queued" or "running")
            {
                text.Append(CultureInfo.InvariantCulture, $" {p}%");
            }

            if (shot.TaskId is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({shot.TaskId})");
            }

            if (shot.LocalVideoPath is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", {shot.LocalVideoPath}");
            }

            if (shot.Error is { } shotError)
            {
                text.Append(CultureInfo.InvariantCulture, $", reason: {shotError.Message ?? shotError.Code}");
            }

            text.Append(';');
        }

        if (report.FilmPath is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Film: {report.FilmPath}");
            if (report.FilmDurationSeconds is { } seconds)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({seconds:0.#} s, {report.StitchMethod?.Replace('_', ' ')})");
            }

            text.Append('.');
        }

        if (report.Error is { } error)
        {
            text.Append(CultureInfo.InvariantCulture, $" {(report.FailedShot is { } failed ? $"Stopped at shot {failed}: " : "Problem: ")}{error.Message ?? error.Code}.");
        }

        if (report.StitchCommand is not null)
        {
            text.Append(" Stitch command: ").Append(report.StitchCommand);
        }

        if (report.EstimatedCostUsd is { } estimate)
        {
            text.Append(CultureInfo.InvariantCulture, $" Estimated cost: {Spending.CostEstimate.Money(estimate)}.");
        }

        if (report.CostUsd is { } cost)
        {
            text.Append(CultureInfo.InvariantCulture, $" Charged so far: {Spending.CostEstimate.Money(cost)}.");
        }

        foreach (var warning in report.Warnings ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" Note: {warning}.");
        }

        text.Append(" Next: ").Append(report.NextStep);
        return text.ToString();
    }

    public static string Describe(SequencePreview preview)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Dry run, nothing sent: a long video of {preview.Shots.Count} shots ({preview.TotalDuration} s in all) with {preview.Model} at {preview.Resolution}. ");
        text.Append(preview.EstimatedCostUsd is { } usd ? $"Estimated cost: {Spending.CostEstimate.Money(usd)} (" : "Estimated cost: not known (");
        text.Append(string.Join("; ", preview.Shots.Select(s =>
            $"shot {s.Shot}: {(s.EstimatedCostUsd is { } e ? Spending.CostEstimate.Money(e) : "no estimate")}, {s.EstimateBasis}")));
        text.Append(").");
        text.Append(CultureInfo.InvariantCulture, $" Spent today: {Spending.CostEstimate.Money(preview.SpentTodayUsd)}");
        text.Append(preview.DailyBudgetUsd is { } budget ? $" of a {Spending.CostEstimate.Money(budget)} daily budget." : ".");
        if (preview.WouldBeRefused is not null)
        {
            text.Append(" Would be refused: ").Append(preview.WouldBeRefused);
        }
        else if (preview.WouldAskFirst)
        {
            text.Append(" The user would be asked once to confirm the total first.");
        }

        foreach (var warning in preview.Warnings ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" Note: {warning}.");
        }

        text.Append(" Next: ").Append(preview.NextStep);
        return text.ToString();
    }

    public static string Describe(DryRunReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Dry run, nothing sent: {report.Model}, {(report.Duration == -1 ? "length chosen by the model" : $"{report.Duration} s")} at {report.Resolution}. ");
        text.Append(report.EstimatedCostUsd is { } usd
            ? $"Estimated cost: {Spending.CostEstimate.Money(usd)} ({report.EstimateBasis})."
            : $"Estimated cost: none ({report.EstimateBasis}).");
        text.Append(CultureInfo.InvariantCulture, $" Spent today: {Spending.CostEstimate.Money(report.SpentTodayUsd)}");
        text.Append(report.DailyBudgetUsd is { } budget ? $" of a {Spending.CostEstimate.Money(budget)} daily budget." : ".");
        if (report.WouldBeRefused is not null)
        {
            text.Append(" Would be refused: ").Append(report.WouldBeRefused);
        }
        else if (report.WouldAskFirst)
        {
            text.Append(" The user would be asked to confirm the price first.");
        }

        foreach (var warning in report.Warnings ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" Note: {warning}.");
        }

        text.Append(" Body: ").Append(report.RequestBody.GetRawText());
        text.Append(" Next: ").Append(report.NextStep);
        return text.ToString();
    }

    public static string Describe(BalanceReport report)
    {
        var text = new StringBuilder();
        text.Append(report.UnlimitedQuota ? "The account has no spending limit." : $"Balance: {Spending.CostEstimate.Money(report.RemainingUsd)} left");
        if (!report.UnlimitedQuota)
        {
            text.Append(report.UsedUsd is { } used ? $" ({Spending.CostEstimate.Money(used)} used)." : ".");
        }

        text.Append(CultureInfo.InvariantCulture,
            $" Today on this machine: {Spending.CostEstimate.Money(report.SpentTodayUsd)} over {report.TasksToday} task{(report.TasksToday == 1 ? string.Empty : "s")} "
            + $"({Spending.CostEstimate.Money(report.ChargedTodayUsd)} charged, {Spending.CostEstimate.Money(report.PendingEstimatesUsd)} estimated for tasks not charged yet).");
        if (report.DailyBudgetUsd is { } budget)
        {
            text.Append(CultureInfo.InvariantCulture, $" Daily budget: {Spending.CostEstimate.Money(budget)}, {Spending.CostEstimate.Money(report.BudgetLeftUsd ?? 0)} left.");
        }

        text.Append(" Next: ").Append(report.NextStep);
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
