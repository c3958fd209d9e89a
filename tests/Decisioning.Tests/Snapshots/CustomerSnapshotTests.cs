using System.Text.Json;
using System.Text.Json.Serialization;
using Decisioning.Evaluation;
using Decisioning.Loading;
using Decisioning.Plan;
using Decisioning.Snapshots;
using Decisioning.Tests.Support;
using Xunit;
using Decisioning.Serialization;

namespace Decisioning.Tests.Snapshots;

public class CustomerSnapshotTests
{
    private static readonly DateTime At = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DecisionPlan Spec = MapLoader.Load(TestPaths.Maps("spec-example", "map.yaml")).Plan!;
    private static readonly string SpecCustomer = File.ReadAllText(TestPaths.Maps("spec-example", "customer-C001.json"));

    public static TheoryData<string, CustomerSnapshot> SameCustomer => new()
    {
        { "dictionary", CustomerSnapshot.FromDictionary(Fields(), ["payroll-account"], [Deposit()], [Contact()]) },
        { "object", CustomerSnapshot.FromObject(new WealthCustomer()) },
        { "anonymous", CustomerSnapshot.FromObject(new
            {
                customerId = "C001", name = "王女士", age = 58, aum = 820000m, monthsOnBook = 2, riskLevel = 3, isRetiree = true,
                hasPhone = true, doNotCall = false, appActive30d = true, openedOn = new DateOnly(2026, 9, 10),
                holdings = new[] { "payroll-account" }, events = new[] { Deposit() }, contacts = new[] { Contact() },
            }) },
        { "json elements", CustomerSnapshot.FromDictionary(
            JsonSerializer.Deserialize<Dictionary<string, object?>>(SpecCustomer)!, ["payroll-account"], [Deposit()], [Contact()]) },
    };

    [Theory]
    [MemberData(nameof(SameCustomer))]
    public void Read_TheSpecCustomerInAnyForm_DecidesAsItsJson(string form, CustomerSnapshot snapshot)
    {
        var expected = Decide(CustomerSnapshot.FromJson(SpecCustomer));

        var actual = Decide(snapshot);

        Assert.True(expected == actual, $"{form}:\n{actual}\n{expected}");
    }

    [Theory]
    [InlineData("age", null, SnapshotErrorCodes.NullField)]
    [InlineData("age", "58", SnapshotErrorCodes.WrongType)]
    [InlineData("age", 58.5, SnapshotErrorCodes.WrongType)]
    [InlineData("age", 3_000_000_000L, SnapshotErrorCodes.OutOfRange)]
    [InlineData("aum", double.NaN, SnapshotErrorCodes.OutOfRange)]
    [InlineData("aum", 7.922816251426434E+28, SnapshotErrorCodes.OutOfRange)] // (double)decimal.MaxValue, 2^96
    [InlineData("aum", -7.922816251426434E+28, SnapshotErrorCodes.OutOfRange)]
    [InlineData("aum", 7.9228163E+28f, SnapshotErrorCodes.OutOfRange)] // (float)decimal.MaxValue, 2^96
    [InlineData("isRetiree", 1, SnapshotErrorCodes.WrongType)]
    [InlineData("name", 7, SnapshotErrorCodes.WrongType)]
    [InlineData("openedOn", "10/09/2026", SnapshotErrorCodes.BadDate)]
    [InlineData("openedOn", 20260910, SnapshotErrorCodes.WrongType)]
    [InlineData("customerId", null, SnapshotErrorCodes.MissingId)]
    [InlineData("customerId", 1.5, SnapshotErrorCodes.WrongType)]
    public void Read_DictionaryWithABadValue_GivesTheJsonReadersCode(string field, object? value, string code)
    {
        var fields = Fields();
        fields[field] = value;

        var (customer, error) = CustomerSnapshot.FromDictionary(fields).Read(Spec);

        Assert.Null(customer);
        Assert.Equal(code, error!.Code);
        Assert.Contains(field, error.Message);
    }

    [Theory]
    [InlineData("age", SnapshotErrorCodes.MissingField)]
    [InlineData("customerId", SnapshotErrorCodes.MissingId)]
    public void Read_DictionaryWithoutARequiredField_GivesMissing(string field, string code)
    {
        var fields = Fields();
        fields.Remove(field);

        Assert.Equal(code, CustomerSnapshot.FromDictionary(fields).Read(Spec).Error!.Code);
    }

    [Fact]
    public void Read_OptionalFieldAbsentOrNull_IsNull()
    {
        var fields = Fields();
        fields["city"] = null;

        var (customer, _) = CustomerSnapshot.FromDictionary(fields).Read(Spec);

        Assert.NotNull(customer);
        Assert.Null(customer.GetValue("city"));
        Assert.Null(customer.GetNumber("city"));
    }

    [Fact]
    public void Read_EventMissingAPayloadField_GivesBadEvents()
    {
        var (_, error) = CustomerSnapshot.FromDictionary(Fields(), events: [new EventSnapshot("large-deposit", At)]).Read(Spec);

        Assert.Equal(SnapshotErrorCodes.BadEvents, error!.Code);
        Assert.Contains("lacks its field 'amount'", error.Message);
    }

    // JSON cannot carry these; a ResponseSnapshot made in code can, and the history could not write them.
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Read_ResponseWithANonFiniteValue_GivesBadResponses(double value)
    {
        var response = new ResponseSnapshot(DateTimeOffset.Parse("2026-11-20T08:00:00Z"), "converted", "retiree-pension", "pension-fund", value);

        var (customer, error) = CustomerSnapshot.FromDictionary(Fields(), responses: [response]).Read(Spec);

        Assert.Null(customer);
        Assert.Equal(SnapshotErrorCodes.BadResponses, error!.Code);
        Assert.Contains("'value' of response 1", error.Message);
    }

    [Fact]
    public void Read_ObjectWithAGuidIdAndRenamedProperties_MatchesByJsonNameThenByNameIgnoringCase()
    {
        var id = Guid.NewGuid();
        var (customer, error) = CustomerSnapshot.FromObject(new RenamedCustomer(id)).Read(Spec);

        Assert.Null(error);
        Assert.Equal(id.ToString(), customer!.Id);
        Assert.Equal(820000m, customer.GetValue("aum"));
        Assert.Equal(true, customer.GetValue("isRetiree"));
        Assert.Equal(new DateTime(2026, 9, 10, 0, 0, 0, DateTimeKind.Utc), customer.GetValue("openedOn"));
    }

    [Fact]
    public void Read_ObjectOfOneType_BindsOncePerMapVersion()
    {
        // Another version of the map: loaded afresh, since a load of unchanged files may return the
        // very plan of the previous load of that source (which made this test depend on how many
        // other maps the run had loaded since Spec).
        var other = MapLoader.Load(TestPaths.Maps("spec-example", "map.yaml"), new MapLoadOptions { Reuse = null }).Plan!;
        Assert.NotSame(Spec, other);
        var shape = ObjectShape<WealthCustomer>.Instance;

        var first = shape.For(Spec);
        CustomerSnapshot.FromObject(new WealthCustomer()).Read(Spec);
        CustomerSnapshot.FromObject(new WealthCustomer()).Read(Spec);

        Assert.Same(first, shape.For(Spec));
        Assert.NotSame(first, shape.For(other));
    }

    [Fact]
    public void Read_ObjectWithASpanAndARefReturnProperty_ReadsItsOtherProperties()
    {
        var (customer, error) = CustomerSnapshot.FromObject(new CustomerWithBuffers()).Read(Spec);

        Assert.Null(error);
        Assert.Equal(58, customer!.GetValue("age"));
    }

    [Fact]
    public void Read_ObjectLackingARequiredField_GivesMissingField()
    {
        var (_, error) = CustomerSnapshot.FromObject(new { customerId = "C1", name = "x" }).Read(Spec);

        Assert.Equal(SnapshotErrorCodes.MissingField, error!.Code);
        Assert.Equal("C1", error.CustomerId);
    }

    private static string Decide((Decisioning.Runtime.CustomerRecord? Customer, SnapshotError? Error) read)
    {
        Assert.True(read.Error is null, read.Error?.Message);
        return DecisionJson.ToJson(new Evaluator(Spec).Decide(read.Customer!, At));
    }

    private static string Decide(CustomerSnapshot snapshot) => Decide(snapshot.Read(Spec));

    private static Dictionary<string, object?> Fields() => new()
    {
        ["customerId"] = "C001", ["name"] = "王女士", ["age"] = 58, ["aum"] = 820000, ["monthsOnBook"] = 2, ["riskLevel"] = 3,
        ["isRetiree"] = true, ["hasPhone"] = true, ["doNotCall"] = false, ["appActive30d"] = true, ["openedOn"] = "2026-09-10",
    };

    private static EventSnapshot Deposit() =>
        new("large-deposit", DateTimeOffset.Parse("2026-11-21T09:30:00Z"), new Dictionary<string, object?> { ["amount"] = 300000 });

    private static ContactSnapshot Contact() =>
        new("app-push", DateTimeOffset.Parse("2026-11-20T08:00:00Z"), "retiree-pension", "pension-fund", "sent");

    /// <summary>A host's own type: Pascal-case properties, an enum-free plain record.</summary>
    private sealed class WealthCustomer
    {
        public string CustomerId { get; init; } = "C001";
        public string Name { get; init; } = "王女士";
        public int Age { get; init; } = 58;
        public decimal Aum { get; init; } = 820000m;
        public int MonthsOnBook { get; init; } = 2;
        public int RiskLevel { get; init; } = 3;
        public bool IsRetiree { get; init; } = true;
        public bool HasPhone { get; init; } = true;
        public bool DoNotCall { get; init; }
        public bool AppActive30d { get; init; } = true;
        public string? City { get; init; }
        public DateTime OpenedOn { get; init; } = new(2026, 9, 10);
        public string[] Holdings { get; init; } = ["payroll-account"];
        public List<EventSnapshot> Events { get; init; } = [Deposit()];
        public List<ContactSnapshot> Contacts { get; init; } = [Contact()];
    }

    /// <summary>A host's type with properties no snapshot field can be: a span and a ref return.</summary>
    private sealed class CustomerWithBuffers
    {
        private readonly byte[] _buffer = [1, 2];
        private int _visits = 3;

        public string CustomerId => "C001";
        public string Name => "王女士";
        public int Age => 58;
        public decimal Aum => 820000m;
        public int MonthsOnBook => 2;
        public int RiskLevel => 3;
        public bool IsRetiree => true;
        public bool HasPhone => true;
        public bool DoNotCall => false;
        public bool AppActive30d => true;
        public DateOnly OpenedOn => new(2026, 9, 10);
        public ReadOnlySpan<byte> Buffer => _buffer;
        public ref int Visits => ref _visits;
    }

    private sealed record RenamedCustomer(Guid Key)
    {
        [JsonPropertyName("customerId")]
        public Guid Key { get; } = Key;

        public string NAME => "x";
        [JsonPropertyName("age")]
        public int Years => 40;
        public double AUM => 820000;
        public int monthsonbook => 1;
        public int RiskLevel => 2;
        public bool? IsRetiree => true;
        public bool HasPhone => true;
        public bool DoNotCall => false;
        public bool AppActive30d => false;
        public DateTimeOffset OpenedOn => new(2026, 9, 10, 8, 0, 0, TimeSpan.FromHours(8));

        [JsonIgnore]
        public string City => "ignored";
    }
}
