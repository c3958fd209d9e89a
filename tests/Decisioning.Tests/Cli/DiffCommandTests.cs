using System.Text.Json;
using Decisioning.Tests.Diffing;
using Xunit;

namespace Decisioning.Tests.Cli;

/// <summary><c>decisioning diff</c> end to end: the sample against a version with one priority changed.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private readonly ChangedSampleMap _changed = new("retiree-pension", 30);

    public void Dispose() => _changed.Dispose();

    [Fact]
    public void Diff_Text_ListsOneLinePerChangedCustomerThenTheTables()
    {
        var (exit, output, _) = CliRunner.Run("diff", ChangedSampleMap.Original, _changed.Folder,
            "--customers", ChangedSampleMap.Customers, "--at", "2026-11-26T00:00:00Z");

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        var customers = lines.TakeWhile(l => l.StartsWith('C')).ToList();
        Assert.NotEmpty(customers);
        Assert.Contains(customers, l => l.Contains("retiree-pension", StringComparison.Ordinal));
        Assert.Equal($"{customers.Count} of 3,000 customers change; invalid snapshots: 0 old, 0 new", lines[customers.Count]);
        Assert.Contains("moves", output);
        Assert.Contains("retiree-pension @ rm-call", output);
    }

    [Fact]
    public void Diff_Utf16FileWithCrLf_GivesWhatTheUtf8FileGives()
    {
        // The snapshots are read by the line reader evaluate and batch use: a byte order mark of any
        // Unicode encoding and CRLF endings read as a StreamReader reads them.
        var utf16 = Path.Combine(_changed.Folder, "..", $"customers-utf16-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(utf16, string.Join("\r\n", File.ReadLines(ChangedSampleMap.Customers)), System.Text.Encoding.Unicode);
        try
        {
            var expected = CliRunner.Run("diff", ChangedSampleMap.Original, _changed.Folder,
                "--customers", ChangedSampleMap.Customers, "--at", "2026-11-26T00:00:00Z");
            var actual = CliRunner.Run("diff", ChangedSampleMap.Original, _changed.Folder,
                "--customers", utf16, "--at", "2026-11-26T00:00:00Z");

            Assert.Equal(0, actual.Exit);
            Assert.Contains("of 3,000 customers change", actual.Out, StringComparison.Ordinal);
            Assert.Equal(expected.Out, actual.Out);
        }
        finally
        {
            File.Delete(utf16);
        }
    }

    [Fact]
    public void Diff_Json_IsOneDocumentWhoseChangedCustomersMatchTheSummary()
    {
        var (exit, output, _) = CliRunner.Run("diff", ChangedSampleMap.Original, _changed.Folder,
            "--customers", ChangedSampleMap.Customers, "--at", "2026-11-26T00:00:00Z", "--format", "json");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var changed = root.GetProperty("changed");
        Assert.Equal(changed.GetArrayLength(), root.GetProperty("summary").GetProperty("changed").GetInt32());
        Assert.Equal(3000, root.GetProperty("summary").GetProperty("customers").GetInt32());
        var first = changed[0];
        Assert.NotEqual(0, first.GetProperty("changes").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, first.GetProperty("old").GetProperty("actions").ValueKind);
        Assert.Equal("2026.11.1", root.GetProperty("new").GetProperty("version").GetString());
    }

    [Fact]
    public void Diff_InvalidNewMap_ExitsOne()
    {
        File.WriteAllText(Path.Combine(_changed.Folder, "broken.yaml"), "strategies:\n  - { id: extra, product: nowhere, channels: [sms] }\n");
        var (exit, _, error) = CliRunner.Run("diff", ChangedSampleMap.Original, _changed.Folder, "--customers", ChangedSampleMap.Customers);
        Assert.Equal(1, exit);
        Assert.Contains("nowhere", error);
    }
}
