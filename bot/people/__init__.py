"""Who people are to Passerelle: their roles (volunteer, admin) and how an account is written."""
