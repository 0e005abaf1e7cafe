namespace RolloutController.Store;

/// <summary>Base of the errors a store raises, whatever the database underneath.</summary>
internal class StoreException(string message, Exception? inner = null) : Exception(message, inner);
