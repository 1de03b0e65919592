"""12351 hotline work orders (工单): list, intake and action dialogs, and the enterprise file's tab."""
