namespace RolloutController.Ofrep;

/// <summary>OFREP <c>generalErrorResponse</c>, the body of a 500.</summary>
internal readonly record struct OfrepGeneralError(string ErrorDetails);
