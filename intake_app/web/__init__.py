"""The web layer: the `public`, `accounts`, `staff` and `providers` blueprints (views and forms each), shared form
fields (widgets.py) and the sign-in decorators (auth.py). Blueprints import the domain and the infrastructure, never
each other; auth.py is the one module they share, as the Flask tutorial's `blog` uses `auth.login_required`.
"""
