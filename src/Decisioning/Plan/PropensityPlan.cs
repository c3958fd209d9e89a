using Decisioning.Runtime;

namespace Decisioning.Plan;

/// <summary>How a strategy's propensity is found: a constant, a logistic model, or a host's model.</summary>
internal abstract record PropensityPlan
{
    /// <summary>The propensity of a customer whose tier and stage are unknown (null).</summary>
    public double Evaluate(CustomerRecord customer) => Evaluate(customer, null, null);

    /// <summary>The propensity of a customer in <paramref name="tier"/> and <paramref name="stage"/> (null when none matched).</summary>
    public abstract double Evaluate(CustomerRecord customer, string? tier, string? stage);

    /// <summary>The propensity as strategy <paramref name="strategyId"/> uses it: an adaptive model has one instance per strategy.</summary>
    public virtual PropensityPlan For(string strategyId) => this;
}

internal sealed record ConstantPropensity(double Value) : PropensityPlan
{
    public override double Evaluate(CustomerRecord customer, string? tier, string? stage) => Value;
}

/// <summary>
/// <c>p = 1 / (1 + exp(-(intercept + sum(coef * x))))</c>, the sum taken in the coefficients'
/// written order, starting from 0 (spec section 8). A bool is 1 when true; a null optional field is 0.
/// </summary>
internal sealed record LogisticPropensity(string ModelId, double Intercept, IReadOnlyList<(int FieldIndex, double Weight)> Terms)
    : PropensityPlan
{
    public override double Evaluate(CustomerRecord customer, string? tier, string? stage)
    {
        var real = customer.Values.Real;
        var sum = 0.0;
        for (var i = 0; i < Terms.Count; i++)
        {
            var (field, weight) = Terms[i];
            sum += weight * (real[field] ?? 0.0);
        }

        return 1.0 / (1.0 + Math.Exp(-(Intercept + sum)));
    }
}

/// <summary>A model the host application supplies (spec section 8, <c>kind: host</c>).</summary>
internal sealed record HostPropensity(string ModelId, IPropensityModel Model) : PropensityPlan
{
    public override double Evaluate(CustomerRecord customer, string? tier, string? stage) => Model.Predict(customer);
}
