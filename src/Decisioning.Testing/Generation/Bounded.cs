namespace Decisioning.Testing.Generation;

/// <summary>
/// Decimal arithmetic on a map's constants and the values drawn around them. A constant may lie
/// anywhere in decimal's range (<c>aum &gt;= 50000000000000000000000000000.5</c>, a factor of
/// <c>0.0000000000000000000000000001</c>), and a result beyond that range is no value a customer
/// can hold: it is null, and the generators leave that edge out, instead of throwing.
/// </summary>
internal static class Bounded
{
    public static decimal? Plus(decimal a, decimal b) => Checked(() => a + b);

    public static decimal? Times(decimal a, decimal b) => Checked(() => a * b);

    public static decimal? Over(decimal a, decimal b) => b == 0 ? null : Checked(() => a / b);

    // Decimal arithmetic reports overflow only by throwing; the exception stays here.
    private static decimal? Checked(Func<decimal> compute)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
