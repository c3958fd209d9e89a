using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>
/// Reading a decided customer's fields by name, for host propensity models and policies. A name
/// lookup per call: fine for a model or a rule, not meant for tight loops.
/// </summary>
public static class CustomerRecordExtensions
{
    /// <summary>The field's value (int, decimal, bool, string, a UTC DateTime, or null), or false when the map declares no such field.</summary>
    public static bool TryGetValue(this CustomerRecord customer, string field, out object? value)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.Values.Layout.Find(field) is { } slot)
        {
            value = customer.Values.Get(slot.Index);
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The field's value.</summary>
    /// <exception cref="KeyNotFoundException">The map declares no such field.</exception>
    public static object? GetValue(this CustomerRecord customer, string field) =>
        customer.TryGetValue(field, out var value) ? value : throw NotDeclared(field);

    /// <summary>
    /// An int, decimal or bool field as the double a logistic model multiplies (a bool is 1 or 0),
    /// or null for a null optional field, a string or a date.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The map declares no such field.</exception>
    public static double? GetNumber(this CustomerRecord customer, string field)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer.Values.Layout.Find(field) is { } slot ? customer.Values.Real[slot.Index] : throw NotDeclared(field);
    }

    private static KeyNotFoundException NotDeclared(string field) =>
        new($"the map declares no customer field '{field}'");
}
