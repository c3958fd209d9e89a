using System.Text.Json;
using Decisioning.Cli;
using Xunit;
using static Decisioning.Tests.Evaluation.TestMaps;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Tests.Evaluation;

/// <summary>
/// Invalid snapshots (spec section 2): each gets an error record with a stable code, and nothing
/// else is affected. One line per <see cref="SnapshotErrorCodes"/> code.
/// </summary>
public sealed class SnapshotErrorTests
{
    private const string Sections = """
        products:
          - { id: fund }
        channels:
          - { id: sms }
        strategies:
          - { id: s1, product: fund, channels: [sms] }
        """;

    private const string Good = "\"name\": \"x\", \"age\": 40, \"aum\": 1.5, \"hasPhone\": true";

    public static TheoryData<string, string, string?> Lines => new()
    {
        { "", SnapshotErrorCodes.InvalidJson, null },
        { """{"customerId": "C1", "name": """, SnapshotErrorCodes.InvalidJson, "C1" },
        { """{"customerId": "C1", """ + Good + "} trailing", SnapshotErrorCodes.InvalidJson, "C1" },
        { "[1, 2]", SnapshotErrorCodes.NotAnObject, null },
        { "\"C1\"", SnapshotErrorCodes.NotAnObject, null },
        { "{" + Good + "}", SnapshotErrorCodes.MissingId, null },
        { """{"customerId": null, """ + Good + "}", SnapshotErrorCodes.MissingId, null },
        { """{"customerId": "C1", "name": "x", "aum": 1.5, "hasPhone": true}""", SnapshotErrorCodes.MissingField, "C1" },
        { """{"customerId": "C1", "name": "x", "age": null, "aum": 1.5, "hasPhone": true}""", SnapshotErrorCodes.NullField, "C1" },
        { """{"customerId": "C1", "name": "x", "age": "40", "aum": 1.5, "hasPhone": true}""", SnapshotErrorCodes.WrongType, "C1" },
        { """{"customerId": "C1", "name": "x", "age": 40.5, "aum": 1.5, "hasPhone": true}""", SnapshotErrorCodes.WrongType, "C1" },
        { """{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": "yes"}""", SnapshotErrorCodes.WrongType, "C1" },
        { """{"customerId": 7, """ + Good + "}", SnapshotErrorCodes.WrongType, null },
        { """{"customerId": "C1", "name": "x", "age": 3000000000, "aum": 1.5, "hasPhone": true}""", SnapshotErrorCodes.OutOfRange, "C1" },
        { """{"customerId": "C1", "name": "x", "age": 40, "aum": 1e300, "hasPhone": true}""", SnapshotErrorCodes.OutOfRange, "C1" },
        { """{"customerId": "C1", """ + Good + """, "openedOn": "yesterday"}""", SnapshotErrorCodes.BadDate, "C1" },
        { """{"customerId": "C1", """ + Good + """, "events": [{"type": "card-activated", "at": "2026-13-01"}]}""", SnapshotErrorCodes.BadDate, "C1" },
        { """{"customerId": "C1", """ + Good + """, "holdings": "fund"}""", SnapshotErrorCodes.BadHoldings, "C1" },
        { """{"customerId": "C1", """ + Good + """, "holdings": [1]}""", SnapshotErrorCodes.BadHoldings, "C1" },
        { """{"customerId": "C1", """ + Good + """, "events": {}}""", SnapshotErrorCodes.BadEvents, "C1" },
        { """{"customerId": "C1", """ + Good + """, "events": [{"at": "2026-11-01"}]}""", SnapshotErrorCodes.BadEvents, "C1" },
        { """{"customerId": "C1", """ + Good + """, "events": [{"type": "large-deposit", "at": "2026-11-01T00:00:00Z"}]}""", SnapshotErrorCodes.BadEvents, "C1" },
        { """{"customerId": "C1", """ + Good + """, "contacts": [1]}""", SnapshotErrorCodes.BadContacts, "C1" },
        { """{"customerId": "C1", """ + Good + """, "contacts": [{"channel": "sms"}]}""", SnapshotErrorCodes.BadContacts, "C1" },
        { """{"customerId": "C1", """ + Good + """, "contacts": [{"at": "2026-11-20T00:00:00Z", "wave": 0}]}""", SnapshotErrorCodes.BadContacts, "C1" },
        { """{"customerId": "C1", """ + Good + """, "responses": [{"at": "2026-11-20T00:00:00Z", "kind": "maybe"}]}""", SnapshotErrorCodes.BadResponses, "C1" },
        { """{"customerId": "C1", """ + Good + """, "responses": [{"kind": "declined"}]}""", SnapshotErrorCodes.BadResponses, "C1" },
        { """{"customerId": "C1", """ + Good + """, "responses": {}}""", SnapshotErrorCodes.BadResponses, "C1" },
        { """{"customerId": "C1\ud800", """ + Good + "}", SnapshotErrorCodes.InvalidJson, null },
        { """{"customerId": "C1", "city": "\udfff", """ + Good + "}", SnapshotErrorCodes.InvalidJson, "C1" },
        { """{"customerId": "C1", "customerId": "C2", """ + Good + "}", SnapshotErrorCodes.DuplicateKey, "C1" },
        { """{"customerId": "C1", "age": 41, """ + Good + "}", SnapshotErrorCodes.DuplicateKey, "C1" },
        { """{"customerId": "C1", "events": [], "events": [], """ + Good + "}", SnapshotErrorCodes.DuplicateKey, "C1" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Read_InvalidSnapshot_GivesItsErrorCode(string line, string code, string? customerId)
    {
        var (customer, error) = new SnapshotReader(Load(Sections)).Read(line);
        Assert.Null(customer);
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal(customerId, error.CustomerId);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    // The messages name where the value sits, worked out only when a line has an error.
    [Theory]
    [InlineData("""{"customerId": "C1", "name": "x", "age": "40", "aum": 1.5, "hasPhone": true}""", "'age' must be a whole number (int), not a string")]
    [InlineData("""{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": true, "openedOn": "yesterday"}""", "'openedOn' 'yesterday' is not an ISO-8601 date or date-time")]
    [InlineData("""{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": true, "events": [{"type": "large-deposit", "at": "2026-11-01", "amount": "many"}]}""", "'amount' of event 1 (large-deposit) must be a number (decimal), not a string")]
    [InlineData("""{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": true, "events": [{"type": "card-activated", "at": 5}]}""", "'at' of event 1 must be an ISO-8601 date-time string, not a number")]
    [InlineData("""{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": true, "contacts": [{"at": "2026-11-20T00:00:00Z"}, {"at": "2026-02-30"}]}""", "'at' of contact 2 '2026-02-30' is not an ISO-8601 date or date-time")]
    [InlineData("""{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": true, "responses": [{"at": "soon", "kind": "declined"}]}""", "'at' of response 1 'soon' is not an ISO-8601 date or date-time")]
    [InlineData("""{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": true, "contacts": [{"at": "2026-11-20T00:00:00Z", "channel": 7}]}""", "'channel' of contact 1 must be a string")]
    [InlineData("""{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": true, "holdings": ["fund", 1]}""", "'holdings' must hold product ids as strings, not a number")]
    public void Read_InvalidValue_MessageSaysWhereItIs(string line, string message)
    {
        var (_, error) = new SnapshotReader(Load(Sections)).Read(line);

        Assert.Equal(message, error!.Message);
    }

    [Fact]
    public void Read_HoldingsContactsAndEventTypes_AreTheMapsOwnIdsAndOtherTextAsWritten()
    {
        var plan = Load(Sections);
        var (customer, _) = new SnapshotReader(plan).Read(
            """{"customerId": "C1", "name": "x", "age": 40, "aum": 1.5, "hasPhone": true, "holdings": ["fund", "f\u0075nd", "other"], "events": [{"type": "card-activated", "at": "2026-11-01"}], "contacts": [{"at": "2026-11-20T00:00:00Z", "channel": "sms", "strategy": "s1", "product": "elsewhere"}]}""");

        Assert.Equal(["fund", "fund", "other"], customer!.Holdings);
        Assert.Same(plan.Products[0].Id, customer.Holdings[0]);
        Assert.Same(plan.Products[0].Id, customer.Holdings[1]);
        Assert.Same(plan.Channels[0].Id, customer.Contacts[0].Channel);
        Assert.Same(plan.Strategies[0].Id, customer.Contacts[0].Strategy);
        Assert.Equal("elsewhere", customer.Contacts[0].Product);
        Assert.Equal("card-activated", customer.Events[0].Type);
    }

    [Fact]
    public void Codes_AreAllCoveredByALine()
    {
        // evaluation-failed is not the reader's: Hardening/OneBadCustomerTests covers it.
        var codes = typeof(SnapshotErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!)
            .Where(c => c != SnapshotErrorCodes.EvaluationFailed).Order();
        Assert.Equal(codes, Lines.Select(row => (string)row[1]).Distinct().Order());
    }

    [Fact]
    public void Read_OptionalFieldsAbsentOrNullAndUndeclaredFields_AreValid()
    {
        var line = """{"extra": {"deep": [1, {"x": null}]}, "city": null, "customerId": "C1", """ + Good + """, "holdings": null}""";
        var (customer, error) = new SnapshotReader(Load(Sections)).Read(line);
        Assert.Null(error);
        Assert.Equal("C1", customer!.Id);
        Assert.Empty(customer.Holdings);
    }

    [Fact]
    public void ErrorRecord_HasTheShapeOfSpecSection4()
    {
        var (_, error) = new SnapshotReader(Load(Sections)).Read("""{"customerId": "C9", "name": "x"}""");
        using var json = JsonDocument.Parse(DecisionJson.ToJson(error!));
        Assert.Equal(["customerId", "error"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("C9", json.RootElement.GetProperty("customerId").GetString());
        Assert.Equal(["code", "message"], json.RootElement.GetProperty("error").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Evaluate_MixedGoodAndBadLines_OneOutputLineEachInOrder()
    {
        var folder = Directory.CreateTempSubdirectory("decisioning-evaluate-");
        try
        {
            var mapPath = Path.Combine(folder.FullName, "map.yaml");
            File.WriteAllText(mapPath, Head + "\n" + Sections);
            var lines = Enumerable.Range(0, 300).Select(i => (i % 7) switch
            {
                0 => """{"customerId": "B""" + i + "\", \"age\": \"old\"}",
                3 => "not json " + i,
                _ => Customer("G" + i),
            }).ToList();
            var input = Path.Combine(folder.FullName, "customers.jsonl");
            File.WriteAllLines(input, lines);
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            var exit = Program.Run(["evaluate", mapPath, "--customers", input, "--at", "2026-11-23T00:00:00Z"], stdout, stderr);

            Assert.Equal(0, exit);
            var output = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(lines.Count, output.Length);
            for (var i = 0; i < lines.Count; i++)
            {
                using var json = JsonDocument.Parse(output[i]);
                var root = json.RootElement;
                switch (i % 7)
                {
                    case 0:
                        Assert.Equal("B" + i, root.GetProperty("customerId").GetString());
                        Assert.Equal(SnapshotErrorCodes.WrongType, root.GetProperty("error").GetProperty("code").GetString());
                        break;
                    case 3:
                        Assert.Equal(JsonValueKind.Null, root.GetProperty("customerId").ValueKind);
                        Assert.Equal(SnapshotErrorCodes.InvalidJson, root.GetProperty("error").GetProperty("code").GetString());
                        break;
                    default:
                        Assert.Equal("G" + i, root.GetProperty("customerId").GetString());
                        Assert.Equal("s1", root.GetProperty("actions")[0].GetProperty("strategy").GetString());
                        break;
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
