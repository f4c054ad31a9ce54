using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Agents.Results;

namespace Seedance.Agents.Tests;

public sealed class OutputSchemaTests
{
    [Fact]
    public void OutputSchemas_BuiltIntoTheCode_EqualWhatTheExporterMakesFromTheResultRecords()
    {
        var exported = OutputSchemaExporter.Export();
        if (Environment.GetEnvironmentVariable("SEEDANCE_WRITE_SCHEMAS") == "1")
        {
            File.WriteAllText(SourcePath(), OutputSchemaExporter.WriteSource(exported));
        }

        var built = new Dictionary<string, JsonElement>
        {
            ["TaskReport"] = OutputSchemas.TaskReport,
            ["LongVideo"] = OutputSchemas.LongVideo,
            ["Sequence"] = OutputSchemas.Sequence,
            ["PaidCall"] = OutputSchemas.PaidCall,
            ["Balance"] = OutputSchemas.Balance,
            ["ModelList"] = OutputSchemas.ModelList,
            ["TaskList"] = OutputSchemas.TaskList,
        };
        Assert.Equal(exported.Select(e => e.Name).Order(), built.Keys.Order());
        foreach (var (name, _, schema) in exported)
        {
            // A result record changed without the constants: rerun with SEEDANCE_WRITE_SCHEMAS=1 and rebuild.
            Assert.True(JsonNode.DeepEquals(schema, JsonNode.Parse(built[name].GetRawText())),
                $"OutputSchemaTexts.{name} differs from the exporter's schema; run SEEDANCE_WRITE_SCHEMAS=1 dotnet test tests/Seedance.Agents.Tests --filter OutputSchemaTests, then build again.");
        }
    }

    [Fact]
    public void OutputSchemaTexts_AreWhatTheWriterWrites()
    {
        // The checked-in file is byte for byte what the writer makes, so a hand edit shows up here too.
        Assert.Equal(OutputSchemaExporter.WriteSource(OutputSchemaExporter.Export()), File.ReadAllText(SourcePath()));
    }

    private static string SourcePath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Seedance.Agents", "Results", "OutputSchemaTexts.cs"));
}
