namespace Decisioning.Testing.Checks;

/// <summary>
/// Spec section 3, step 6: the same map, snapshot and time always give the same decision; deciding
/// again, and deciding the snapshot read afresh as a host passes it, must give the same JSON.
/// </summary>
internal static class DeterminismCheck
{
    public static string? Run(MapProperties map, GeneratedCustomer customer)
    {
        var record = customer.ReadFor(map.Plan);
        var first = Show.Decision(map.Decide(record, map.At));
        var second = Show.Decision(map.Decide(record, map.At));
        var (fresh, error) = customer.Snapshot.Read(map.Plan);
        var third = fresh is null ? $"snapshot error {error!.Code}: {error.Message}" : Show.Decision(map.Decide(fresh, map.At));
        if (first == second && first == third)
        {
            return null;
        }

        return "the same map, snapshot and time gave different decisions (spec section 3, step 6)" +
            $"\ncustomer: {customer.Json}\nfirst:    {first}\nagain:    {second}\nre-read:  {third}";
    }
}
