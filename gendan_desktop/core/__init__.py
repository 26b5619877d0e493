"""Domain core: models and services on peewee. Nothing here imports Qt."""
