using Decisioning.Evaluation;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Snapshots;

namespace Decisioning.Tests.Hardening;

/// <summary>
/// A snapshot that repeats a key the reader uses, at the top or inside an event, contact or
/// response, is that customer's <c>duplicate-key</c> record, never a silent last-one-wins; and
/// windows that reach past year 9999 (a wave due, a suppression pause) end at the calendar's end
/// instead of overflowing.
/// </summary>
public sealed class SnapshotEdgeTests
{
    private const string Sections = """
        products:
          - { id: fund, value: 10 }
        channels:
          - { id: sms }
          - { id: app }
        scenarios:
          - { id: deposit, kind: event, event: large-deposit, within: 3d }
        strategies:
          - id: waved
            product: fund
            channels: [sms]
            waves:
              - { after: 36500d, channels: [app] }
          - { id: evented, product: fund, channels: [sms], scenario: deposit }
        """;

    private const string Contact = """{"channel": "sms", "at": "2026-11-20T00:00:00Z", "strategy": "waved", "product": "fund"}""";
    private const string Response = """{"at": "2026-11-21T00:00:00Z", "strategy": "waved", "kind": "declined"}""";
    private const string Event = """{"type": "large-deposit", "at": "2026-11-22T00:00:00Z", "amount": 5}""";

    public static TheoryData<string, string> Duplicates => new()
    {
        { """{"customerId": "C1", "customerId": "C2", "name": "x", "age": 40, "aum": 1, "hasPhone": true}""", "'customerId' appears more than once in the snapshot" },
        { Customer(extra: "\"age\": 41"), "'age' appears more than once in the snapshot" },
        { Customer(extra: $"\"contacts\": [{Contact}], \"contacts\": []"), "'contacts' appears more than once in the snapshot" },
        { Customer(extra: $"\"contacts\": [{Contact.Replace("}", ", \"at\": \"2020-01-01T00:00:00Z\"}")}]"), "'at' appears more than once in contact 1" },
        { Customer(extra: $"\"contacts\": [{Contact}, {Contact.Replace("}", ", \"strategy\": \"evented\"}")}]"), "'strategy' appears more than once in contact 2" },
        { Customer(extra: $"\"contacts\": [{Contact.Replace("}", ", \"wave\": 1, \"wave\": 2}")}]"), "'wave' appears more than once in contact 1" },
        { Customer(extra: $"\"responses\": [{Response.Replace("}", ", \"kind\": \"converted\"}")}]"), "'kind' appears more than once in response 1" },
        { Customer(extra: $"\"responses\": [{Response.Replace("}", ", \"value\": 1, \"value\": 2}")}]"), "'value' appears more than once in response 1" },
        { Customer(extra: $"\"events\": [{Event.Replace("}", ", \"amount\": 500000}")}]"), "'amount' appears more than once in event 1" },
        { Customer(extra: $"\"events\": [{Event.Replace("}", ", \"at\": \"2020-01-01T00:00:00Z\"}")}]"), "'at' appears more than once in event 1" },
        { Customer(extra: $"\"events\": [{Event.Replace("}", ", \"type\": \"card-activated\"}")}]"), "'type' appears more than once in event 1" },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void Snapshot_KeyTheReaderUsesGivenTwice_IsADuplicateKeyRecord(string snapshot, string message)
    {
        var (customer, error) = new SnapshotReader(Load(Sections)).Read(snapshot);

        Assert.Null(customer);
        Assert.NotNull(error);
        Assert.Equal(SnapshotErrorCodes.DuplicateKey, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal("C1", error.CustomerId);
    }

    [Fact]
    public void Snapshot_UndeclaredKeyGivenTwiceInAContact_IsIgnoredLikeAnyUndeclaredKey()
    {
        var snapshot = Customer(extra: $"\"contacts\": [{Contact.Replace("}", ", \"note\": 1, \"note\": 2}")}]");

        var (customer, error) = new SnapshotReader(Load(Sections)).Read(snapshot);

        Assert.Null(error);
        Assert.Single(customer!.Contacts);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z", "9999-12-30T00:00:00Z")]
    [InlineData("9999-12-31T00:00:00Z", "9999-12-31T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    public void Wave_DueAfterTheEndOfTheCalendar_IsPendingNotAnOverflow(string at, string contactAt)
    {
        var snapshot = Customer(extra: $"\"contacts\": [{Contact.Replace("2026-11-20T00:00:00Z", contactAt)}]");

        var decision = Decide(Sections, snapshot, DateTime.Parse(at, null, System.Globalization.DateTimeStyles.AdjustToUniversal));

        Assert.Equal(ReasonCodes.WavePending, Outcome(decision, "waved"));
    }

    [Fact]
    public void Suppression_PauseEndingAfterTheEndOfTheCalendar_SuppressesNotOverflows()
    {
        var sections = Sections + """

            suppression:
              - { id: declined, count: declined, atLeast: 1, within: 36500d, scope: all, pause: 36500d }
            """;
        var snapshot = Customer(extra: $"\"responses\": [{Response.Replace("2026-11-21T00:00:00Z", "9999-12-30T00:00:00Z")}]");

        var decision = Decide(sections, snapshot, new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(ReasonCodes.Suppressed, Outcome(decision, "waved"));
    }

    [Fact]
    public void Evaluate_AtTheLastDayWithBigWindows_EveryLineDecided()
    {
        var map = Path.Combine(Path.GetTempPath(), $"decisioning-end-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(map, Head + "\n" + Sections);
        var customers = Path.Combine(Path.GetTempPath(), $"decisioning-end-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(customers,
        [
            Customer("C1", extra: $"\"contacts\": [{Contact.Replace("2026-11-20", "9999-12-30")}]"),
            Customer("C2", extra: $"\"events\": [{Event.Replace("2026-11-22", "9999-12-31")}]"),
            Customer("C3"),
        ]);

        var (exit, output, error) = Cli.CliRunner.Run("evaluate", map, "--customers", customers, "--at", "9999-12-31T23:59:59Z");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.DoesNotContain("\"error\"", l));
        Assert.Contains("wave-pending", lines[0]);
    }

    [Fact]
    public void Evaluate_LineLongerThanTheLimit_IsItsErrorRecordAndTheNextLineGoesOn()
    {
        var map = Path.Combine(Path.GetTempPath(), $"decisioning-long-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(map, Head + "\n" + Sections);
        var customers = Path.Combine(Path.GetTempPath(), $"decisioning-long-{Guid.NewGuid():N}.jsonl");
        using (var file = new StreamWriter(customers))
        {
            file.Write(Customer("C1") + "\r\n");
            file.Write("{\"customerId\": \"C2\", \"name\": \"");
            file.Write(new string('x', Streaming.OrderedParallel.MaxLineLength + 1000));
            file.Write("\"}\n");
            file.Write(Customer("C3") + "\n");
        }

        var (exit, output, error) = Cli.CliRunner.Run("evaluate", map, "--customers", customers, "--at", "2026-11-23");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"customerId\":\"C1\"", lines[0]);
        Assert.Contains("\"code\":\"invalid-json\"", lines[1]);
        Assert.Contains("16,777,216", lines[1]);
        Assert.True(lines[1].Length < 1000, "the error record must not echo the line");
        Assert.StartsWith("{\"customerId\":\"C3\"", lines[2]);
        File.Delete(customers);
    }

    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("\n\na\n", new[] { "", "", "a" })]
    [InlineData("\uFEFFa\r\n王\n", new[] { "a", "王" })]
    [InlineData("", new string[0])]
    public void Lines_SplitAsReadLineDoesForJsonLines(string text, string[] expected)
    {
        // batch and diff read their snapshots with the line reader evaluate uses.
        var bytes = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        Assert.Equal(expected, Streaming.OrderedParallel.Lines(bytes).ToArray());
    }
}

