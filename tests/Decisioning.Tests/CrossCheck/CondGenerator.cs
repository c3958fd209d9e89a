namespace Decisioning.Tests.CrossCheck;

/// <summary>Which names a generated condition may use: it depends on where it is written (spec section 1).</summary>
public sealed record CondScope(
    IReadOnlyList<RField> Fields,
    IReadOnlyList<string> Products,
    IReadOnlyList<string>? Tiers = null,
    IReadOnlyList<string>? Stages = null,
    IReadOnlyList<string>? Segments = null,
    IReadOnlyList<RField>? Event = null);

/// <summary>
/// Random conditions over a scope. Constants come from small per-kind pools that the customer
/// generator also draws values from, so comparisons land on, just above and just below them.
/// </summary>
public sealed class CondGenerator(Random rng)
{
    public static readonly int[] IntPool = [-1, 0, 3, 18, 55, 100];
    public static readonly decimal[] DecimalPool = [0m, 0.1m, 0.3m, 1000.25m, 50000m, 500000.5m, -3.5m];
    public static readonly string[] StringPool = ["", "a", "abc", "王女士", "李先生", "O'Brien", "x y", "上海", "𠀀字", "A&B <co>"];

    public Cond Next(CondScope scope, int depth = 2)
    {
        if (depth > 0 && rng.NextDouble() < 0.4)
        {
            return rng.Next(3) switch
            {
                0 => new Not(Next(scope, depth - 1)),
                1 => new And(Next(scope, depth - 1), Next(scope, depth - 1)),
                _ => new Or(Next(scope, depth - 1), Next(scope, depth - 1)),
            };
        }

        return Atom(scope);
    }

    private Cond Atom(CondScope scope)
    {
        while (true)
        {
            switch (rng.Next(10))
            {
                case 0 when rng.NextDouble() < 0.3:
                    return new Lit(rng.Next(2) == 0);
                case 0 when rng.NextDouble() < 0.5:
                    var nullable = scope.Fields.Where(f => f.Optional && f.Kind != RKind.Date).Select(f => f.Name)
                        .Concat(scope.Tiers is null ? [] : ["tier"]).Concat(scope.Stages is null ? [] : ["stage"]).ToList();
                    if (nullable.Count > 0)
                    {
                        return new NullCheck(Pick(nullable), rng.Next(2) == 0);
                    }

                    break;
                case 1:
                    return new ListHas("holdings", Pick([.. scope.Products, "unknown-product"]));
                case 2 when scope.Tiers is { Count: > 0 } tiers:
                    return new NameIs("tier", Pick(tiers), rng.Next(3) > 0);
                case 3 when scope.Stages is { Count: > 0 } stages:
                    return new NameIs("stage", Pick(stages), rng.Next(3) > 0);
                case 4 when scope.Segments is { Count: > 0 } segments:
                    return new ListHas("segments", Pick(segments));
                case 5 when scope.Event?.Where(f => f.Kind is RKind.Int or RKind.Decimal).ToList() is { Count: > 0 } numbers:
                    return Arithmetic(Pick(numbers), onEvent: true);
                case 5 or 6 when scope.Event is { Count: > 0 } payload:
                    return Comparison(Pick(payload), onEvent: true);
                case 7 when scope.Fields.FirstOrDefault(f => f is { Kind: RKind.Bool, Optional: false }) is { } flag:
                    return new BoolRef(flag.Name);
                case 8 when rng.NextDouble() < 0.5:
                    return Arithmetic(Pick(scope.Fields.Where(f => f.Kind is RKind.Int or RKind.Decimal).ToList()));
                case 9 when rng.NextDouble() < 0.4:
                    return TwoFields(scope.Fields);
                case >= 5:
                    var field = Pick(scope.Fields.Where(f => f.Kind != RKind.Date).ToList());
                    return Comparison(field, onEvent: false);
            }
        }
    }

    public Cond Comparison(RField field, bool onEvent)
    {
        string[] ordering = ["==", "!=", "<", "<=", ">", ">="];
        string[] equality = ["==", "!="];
        var flip = rng.NextDouble() < 0.2;
        return field.Kind switch
        {
            RKind.Int => new Compare(field.Name, Pick(ordering), rng.NextDouble() < 0.15 ? (object)Pick(DecimalPool) : Pick(IntPool), onEvent, flip),
            RKind.Decimal => new Compare(field.Name, Pick(ordering), rng.NextDouble() < 0.2 ? (object)Pick(IntPool) : Pick(DecimalPool), onEvent, flip),
            RKind.Bool => new Compare(field.Name, Pick(equality), rng.Next(2) == 0, onEvent, flip),
            _ => new Compare(field.Name, Pick(equality), Pick(StringPool), onEvent, flip),
        };
    }

    private Cond Arithmetic(RField field, bool onEvent = false)
    {
        string[] ordering = ["==", "!=", "<", "<=", ">", ">="];
        var arith = Pick(['+', '-', '*']);
        object k = field.Kind == RKind.Int || rng.Next(2) == 0 ? Pick([1, 2, 5, 17]) : Pick([0.5m, 1.25m, 2m]);
        object constant = field.Kind == RKind.Int && k is int ? Pick(IntPool) : Pick(DecimalPool);
        return new ArithmeticCompare(field.Name, arith, k, Pick(ordering), constant, onEvent);
    }

    /// <summary>Two fields of one kind (int and decimal mix), compared with each other.</summary>
    private Cond TwoFields(IReadOnlyList<RField> fields)
    {
        var left = Pick(fields.Where(f => f.Kind != RKind.Date).ToList());
        bool Numeric(RField f) => f.Kind is RKind.Int or RKind.Decimal;
        var partners = fields.Where(f => f.Kind == left.Kind || (Numeric(f) && Numeric(left))).ToList();
        var right = Pick(partners);
        string[] ops = Numeric(left) ? ["==", "!=", "<", "<=", ">", ">="] : ["==", "!="];
        return new FieldsCompare(left.Name, Pick(ops), right.Name);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
