namespace Decisioning.Runtime;

/// <summary>
/// Instants as the product keeps them: <see cref="DateTime"/> values of kind UTC. The one place that
/// turns another kind into one (the banned-symbols analyzer keeps <c>DateTime.SpecifyKind</c> out of
/// everything else), so that a caller's local time is converted, never relabelled.
/// </summary>
internal static class Instant
{
    /// <summary>
    /// <paramref name="at"/> as UTC: a local time converted with the machine's offset, a UTC time as
    /// it is, an unspecified one read as UTC (instants the product reads from text without an offset
    /// are UTC; docs/reference).
    /// </summary>
    public static DateTime Utc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Local => at.ToUniversalTime(),
        DateTimeKind.Utc => at,
#pragma warning disable RS0030 // The one conversion the ban points to.
        _ => DateTime.SpecifyKind(at, DateTimeKind.Utc),
#pragma warning restore RS0030
    };
}
