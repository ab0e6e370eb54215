// stand-in search script
