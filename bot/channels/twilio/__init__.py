"""WhatsApp and SMS through Twilio (REST API with the official twilio client)."""
